with

source as (

    {{ dedupe_latest(source('crm', 'feedback_submissions'), 'hs_object_id', 'hs_lastmodifieddate desc, load_date desc') }}

),

renamed as (

    select
        hs_object_id as submission_id,
        hs_survey_id as survey_id,
        hs_survey_type as survey_type,
        hs_survey_channel as survey_channel,
        hs_response_value as response_value,
        hs_sentiment as sentiment,
        hs_content as comment_text,
        hs_contact_id as contact_id,
        associated_object_type,
        associated_object_id,
        {{ utc_timestamp('hs_submission_timestamp') }} as submitted_at,
        {{ utc_timestamp('hs_lastmodifieddate') }} as updated_at

    from source

)

select * from renamed
