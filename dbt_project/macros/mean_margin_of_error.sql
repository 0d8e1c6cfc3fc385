{#-
    95 % margin of error of a mean score in the score's unit (half the normal-approximation
    interval): z x sample standard deviation / sqrt(n). Null below two answers. Rounded to
    9 decimals: a parallel engine's standard deviation varies in the last float digit, and
    a re-run must give the same number.
-#}
{% macro mean_margin_of_error(std_dev, n, z=1.96) -%}
    case when {{ n }} > 1 then round({{ z }} * {{ std_dev }} / sqrt({{ n }}), 9) end
{%- endmacro %}
