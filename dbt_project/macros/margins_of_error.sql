{#-
    95 % margins of error in percentage points (half the interval width), see METRICS.md.
    Proportions use the Wilson score interval; NPS the adjusted-Wald interval.
-#}
{% macro wilson_margin_of_error(successes, n, z=none) -%}
    {%- set z = z or float_literal('1.96') %}
    case when {{ n }} > 0 then
        {{ float_literal('100.0') }} * {{ z }} / (1 + {{ z }} * {{ z }} / {{ n }})
        * sqrt(
            ({{ successes }} * {{ float_literal('1.0') }} / {{ n }}) * (1 - {{ successes }} * {{ float_literal('1.0') }} / {{ n }}) / {{ n }}
            + {{ z }} * {{ z }} / ({{ float_literal('4.0') }} * {{ n }} * {{ n }})
        )
    end
{%- endmacro %}

{% macro nps_margin_of_error(promoters, detractors, n, z=none) -%}
    {%- set z = z or float_literal('1.96') %}
    case when {{ n }} > 0 then
        {{ float_literal('100.0') }} * {{ z }} * sqrt(
            (
                ({{ promoters }} + {{ float_literal('0.75') }}) / ({{ n }} + {{ float_literal('3.0') }})
                + ({{ detractors }} + {{ float_literal('0.75') }}) / ({{ n }} + {{ float_literal('3.0') }})
                - power(({{ promoters }} - {{ detractors }}) / ({{ n }} + {{ float_literal('3.0') }}), 2)
            ) / ({{ n }} + {{ float_literal('3.0') }})
        )
    end
{%- endmacro %}

{% macro safe_ratio(numerator, denominator, scale=1) -%}
    case when ({{ denominator }}) > 0 then {{ scale }} * ({{ numerator }}) * {{ float_literal('1.0') }} / ({{ denominator }}) end
{%- endmacro %}
