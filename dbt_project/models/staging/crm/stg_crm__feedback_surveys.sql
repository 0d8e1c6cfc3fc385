with

source as (

    {{ dedupe_latest(source('crm', 'feedback_surveys'), 'hs_object_id', 'hs_lastmodifieddate desc, load_date desc') }}

),

renamed as (

    select
        hs_object_id as survey_id,
        hs_survey_name as survey_name,
        hs_survey_type as survey_type,
        hs_scale_min as scale_min,
        hs_scale_max as scale_max,
        cx_survey_level as survey_level,
        cx_journey_stage as journey_stage,
        {{ utc_timestamp('hs_lastmodifieddate') }} as updated_at

    from source

)

select * from renamed
