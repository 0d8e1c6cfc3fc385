{#-
    The CRM surveys read as top box 4-5 of 1-5 (perception, post-purchase CSAT, the sales
    meeting pulse: every non-NPS survey of the perception and purchase stages) must have the
    1-5 scale. Fails with the survey's name on any other scale, reversed or unknown, rather
    than reading its top two as satisfied.
-#}
select survey_id, survey_name, scale_min, scale_max
from {{ ref('stg_crm__feedback_surveys') }}
where journey_stage in ('perception', 'purchase')
    and coalesce(survey_type, '') <> 'NPS'
    and (
        scale_min is null or scale_max is null or scale_min <> 1 or scale_max <> 5
    )
