{#-
    95 % margin of error of a mean score in the score's unit (half the normal-approximation
    interval): z x sample standard deviation / sqrt(n). Null below two answers.
-#}
{% macro mean_margin_of_error(std_dev, n, z=1.96) -%}
    case when {{ n }} > 1 then {{ z }} * {{ std_dev }} / sqrt({{ n }}) end
{%- endmacro %}
