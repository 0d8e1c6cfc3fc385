{#-
    The closed loop and the comment tone read negative answers from each survey's scale:
    NPS on 0-10, CSAT and CES on 1-5 or 1-7. Fails with the survey's name on any other
    scale, reversed or unknown, rather than guessing its bottom box.
-#}
select distinct survey_type, survey_name, scale_min, scale_max
from {{ ref('fct_survey_answers') }}
where survey_type in ('NPS', 'CSAT', 'CES')
    and not (
        (survey_type = 'NPS' and scale_min = 0 and scale_max = 10)
        or (survey_type in ('CSAT', 'CES') and scale_min = 1 and scale_max in (5, 7))
    )
