{#-
    The tone of a survey answer from its score relative to the survey's own scale (never
    constants): NPS-type surveys (0-10) detractor 0-6 = negative, passive 7-8 = neutral,
    promoter 9-10 = positive, counted from the top of the scale; other scales bottom box =
    negative, top box = positive, the middle neutral. The box is the bottom / top 2 of a
    scale of up to 6 points (1-5: 1-2 and 4-5) and 3 of a longer one (1-7: 1-3 and 5-7).
    Null when the score or the scale is missing or reversed.
-#}
{% macro answer_tone(score, scale_min, scale_max, survey_type) -%}
    case
        when {{ score }} is null or {{ scale_min }} is null or {{ scale_max }} is null
            or {{ scale_max }} <= {{ scale_min }}
            then cast(null as {{ dbt.type_string() }})
        when {{ survey_type }} = 'NPS' then
            case
                when {{ score }} <= {{ scale_max }} - 4 then 'negative'
                when {{ score }} >= {{ scale_max }} - 1 then 'positive'
                else 'neutral'
            end
        when {{ score }} <= {{ scale_min }} + {{ top_box_size(scale_min, scale_max) }} - 1 then 'negative'
        when {{ score }} >= {{ scale_max }} - {{ top_box_size(scale_min, scale_max) }} + 1 then 'positive'
        else 'neutral'
    end
{%- endmacro %}

{#- Points in the top (and bottom) box: 2 of a scale of up to 6 points, 3 of a longer one. -#}
{% macro top_box_size(scale_min, scale_max) -%}
    (case when {{ scale_max }} - {{ scale_min }} + 1 >= 7 then 3 else 2 end)
{%- endmacro %}
