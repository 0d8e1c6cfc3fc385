{#-
    The output rows of one metric from an expanded relation (expand_grains_and_segments),
    grouped by the metric keys, in the columns every metric model has. Durations are summed
    as whole seconds and turned into minutes after the sum, so re-runs match exactly.
-#}

{#- Mean minutes: sum of seconds / 60 / rows. -#}
{% macro mean_minutes_rows(metric_name, relation, seconds_column, where=none) -%}
select
    '{{ metric_name }}' as metric_name,
    {{ metric_keys() }},
    sum({{ seconds_column }}) / 60.0 / count(*) as value,
    sum({{ seconds_column }}) / 60.0 as numerator,
    count(*) as denominator,
    count(*) as n,
    cast(null as {{ type_double() }}) as margin_of_error
from {{ relation }}
{% if where %}where {{ where }}{% endif %}
group by {{ metric_keys() }}
{%- endmacro %}

{#- A percentile of minutes (0.5 = median): non-additive, so no numerator or denominator. -#}
{% macro percentile_minutes_rows(metric_name, relation, minutes_column, fraction=0.5) -%}
select
    '{{ metric_name }}' as metric_name,
    {{ metric_keys() }},
    {{ cx_percentile(minutes_column, fraction) }} as value,
    cast(null as {{ type_double() }}) as numerator,
    cast(null as {{ type_double() }}) as denominator,
    count(*) as n,
    cast(null as {{ type_double() }}) as margin_of_error
from {{ relation }}
group by {{ metric_keys() }}
{%- endmacro %}

{#- A percentage: rows whose 0/1 flag is 1 / rows x 100. -#}
{% macro rate_rows(metric_name, relation, flag_column, where=none) -%}
select
    '{{ metric_name }}' as metric_name,
    {{ metric_keys() }},
    {{ safe_ratio('sum(' ~ flag_column ~ ')', 'count(*)', 100) }} as value,
    sum({{ flag_column }}) as numerator,
    count(*) as denominator,
    count(*) as n,
    cast(null as {{ type_double() }}) as margin_of_error
from {{ relation }}
{% if where %}where {{ where }}{% endif %}
group by {{ metric_keys() }}
{%- endmacro %}

{#- A count of rows. -#}
{% macro count_rows(metric_name, relation, where=none) -%}
select
    '{{ metric_name }}' as metric_name,
    {{ metric_keys() }},
    cast(count(*) as {{ type_double() }}) as value,
    cast(count(*) as {{ type_double() }}) as numerator,
    cast(null as {{ type_double() }}) as denominator,
    count(*) as n,
    cast(null as {{ type_double() }}) as margin_of_error
from {{ relation }}
{% if where %}where {{ where }}{% endif %}
group by {{ metric_keys() }}
{%- endmacro %}
