{#-
    Fails on every row whose business duration (column_name) is negative, longer than the
    calendar duration of the same clock (calendar_column), or null where the calendar one is
    not (or the reverse): business time is a part of calendar time.
-#}
{% test within_calendar_time(model, column_name, calendar_column) %}
select {{ column_name }} as business_time, {{ calendar_column }} as calendar_time
from {{ model }}
where {{ column_name }} < 0
    or {{ column_name }} > {{ calendar_column }}
    or ({{ column_name }} is null and {{ calendar_column }} is not null)
    or ({{ column_name }} is not null and {{ calendar_column }} is null)
{% endtest %}
