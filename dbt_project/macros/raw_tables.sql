{#-
    Every raw source table as (system, table, primary key, last-modified column or none),
    for models that read them all. Follows the raw contract (cx_pipeline/source_tables.py;
    a test keeps them in step).
-#}
{% macro raw_tables() -%}
{{ return([
    ('crm', 'contacts', 'hs_object_id', 'lastmodifieddate'),
    ('crm', 'companies', 'hs_object_id', 'hs_lastmodifieddate'),
    ('crm', 'owners', 'id', 'updatedAt'),
    ('crm', 'deals', 'hs_object_id', 'hs_lastmodifieddate'),
    ('crm', 'campaigns', 'id', 'updatedAt'),
    ('crm', 'events', 'id', 'occurredAt'),
    ('crm', 'meetings', 'hs_object_id', 'hs_lastmodifieddate'),
    ('crm', 'feedback_surveys', 'hs_object_id', 'hs_lastmodifieddate'),
    ('crm', 'feedback_submissions', 'hs_object_id', 'hs_lastmodifieddate'),
    ('crm', 'tasks', 'hs_object_id', 'hs_lastmodifieddate'),
    ('helpdesk', 'users', 'id', 'updated_at'),
    ('helpdesk', 'groups', 'id', 'updated_at'),
    ('helpdesk', 'tickets', 'id', 'updated_at'),
    ('helpdesk', 'ticket_events', 'id', 'created_at'),
    ('helpdesk', 'satisfaction_ratings', 'id', 'updated_at'),
    ('helpdesk', 'ces_responses', 'id', 'updated_at'),
    ('helpdesk', 'self_service_sessions', 'id', 'updated_at'),
    ('shop', 'customers', 'id', 'updated_at'),
    ('shop', 'orders', 'id', 'updated_at'),
    ('shop', 'order_line_items', 'id', none),
    ('shop', 'refunds', 'id', 'processed_at')
]) }}
{%- endmacro %}
