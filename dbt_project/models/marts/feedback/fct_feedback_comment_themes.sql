{#-
    One row per comment and theme it carries (a comment can carry several, or none): a
    keyword of the seed feedback_theme_keywords in the comment's language (every language
    when it is unknown) starting a word of the comment, lower-cased with punctuation as
    spaces. Portable `like` matching; Finnish keywords are stems, so inflected and
    compound-initial forms match.
-#}
with

comments as (

    select
        comments.*,
        {{ text_for_matching('comments.comment_text') }} as match_text
    from {{ ref('fct_feedback_comments') }} as comments

),

keywords as (

    select theme, language, lower(trim(keyword)) as keyword
    from {{ ref('feedback_theme_keywords') }}
    where keyword is not null and trim(keyword) <> ''

),

matches as (

    select
        comments.answer_id,
        keywords.theme,
        min(keywords.keyword) as first_keyword,
        count(*) as keyword_hits
    from comments
    inner join keywords
        on (comments.language = keywords.language or comments.language = 'unknown')
        and comments.match_text like {{ dbt.concat(["'% '", 'keywords.keyword', "'%'"]) }}
    group by comments.answer_id, keywords.theme

),

final as (

    select
        comments.answer_id,
        matches.theme,
        matches.first_keyword,
        matches.keyword_hits,
        comments.language,
        comments.tone,
        comments.journey_stage,
        comments.survey_name,
        comments.customer_segment,
        comments.answered_at,
        comments.answered_date

    from matches
    inner join comments on matches.answer_id = comments.answer_id

)

select * from final
