{#-
    One row per survey answer with a written comment (CRM surveys and the helpdesk's CSAT
    and CES): language, tone and journey stage, ready for theme matching. Tone comes from
    the answer's score on its survey's own scale (as the closed loop reads it), the same for
    every system; the CRM's own sentiment field is derived from the score and exists for CRM
    answers only. Ticket subjects are left out: they are short labels whose demand
    contact_reasons_by_stage already counts from the structured contact reason.
-#}
{%- set words = var('feedback_language_words') -%}
with

answers as (

    select
        answer_id,
        source_system,
        survey_name,
        survey_type,
        survey_level,
        journey_stage,
        customer_key,
        customer_segment,
        score,
        scale_min,
        scale_max,
        comment_text,
        answered_at,
        answered_date
    from {{ ref('fct_survey_answers') }}
    where comment_text is not null and trim(comment_text) <> ''

),

prepared as (

    select
        answers.*,
        {{ text_for_matching('answers.comment_text') }} as match_text
    from answers

),

final as (

    select
        answer_id,
        source_system,
        survey_name,
        survey_type,
        survey_level,
        journey_stage,
        customer_key,
        customer_segment,
        comment_text,
        case
            when match_text like '%ä%' or match_text like '%ö%' or match_text like '%å%'
                {%- for word in words['fi'] %}
                or match_text like '% {{ word }} %'
                {%- endfor %}
                then 'fi'
            when {% for word in words['en'] %}match_text like '% {{ word }} %'{% if not loop.last %}
                or {% endif %}{% endfor %}
                then 'en'
            else 'unknown'
        end as language,
        coalesce(
            {{ answer_tone('score', 'scale_min', 'scale_max', 'survey_type') }}, 'unknown'
        ) as tone,
        answered_at,
        answered_date

    from prepared

)

select * from final
