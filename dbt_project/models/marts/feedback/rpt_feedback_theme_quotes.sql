{#-
    A few short anonymised quotes per top theme per calendar month (local answer date) for
    the report: the var feedback_quote_top_themes themes with the most comments, and per
    theme up to var feedback_quotes_per_theme distinct quotes. Negative comments come first
    (they say what to fix), then neutral, then positive; the newest first within a tone.
    E-mail addresses, phone numbers and capitalised words inside a sentence (names) are
    masked; quotes are cut to var feedback_quote_max_chars characters. No customer key or
    answer id: the quotes leave the warehouse.
-#}
{%- set max_chars = var('feedback_quote_max_chars') -%}
with

themes as (

    select
        comment_themes.theme,
        comment_themes.tone,
        comment_themes.journey_stage,
        comment_themes.language,
        comment_themes.survey_name,
        comment_themes.answered_at,
        cast({{ dbt.date_trunc('month', 'comment_themes.answered_date') }} as date) as period_start,
        trim({{ mask_personal_data('comments.comment_text') }}) as masked_text
    from {{ ref('fct_feedback_comment_themes') }} as comment_themes
    inner join {{ ref('fct_feedback_comments') }} as comments
        on comment_themes.answer_id = comments.answer_id

),

theme_ranks as (

    select
        period_start,
        theme,
        theme_comments,
        row_number() over (
            partition by period_start order by theme_comments desc, theme
        ) as theme_rank
    from (
        select period_start, theme, count(*) as theme_comments
        from themes
        group by period_start, theme
    ) as counted

),

distinct_quotes as (

    {#- The same words from several customers are one quote; its latest use represents it. -#}
    select * from (
        select
            themes.*,
            row_number() over (
                partition by themes.period_start, themes.theme, themes.masked_text
                order by themes.answered_at desc
            ) as copy_number
        from themes
    ) as copies
    where copy_number = 1

),

ranked_quotes as (

    select
        distinct_quotes.*,
        theme_ranks.theme_rank,
        theme_ranks.theme_comments,
        row_number() over (
            partition by distinct_quotes.period_start, distinct_quotes.theme
            order by
                case distinct_quotes.tone when 'negative' then 1 when 'neutral' then 2 when 'positive' then 3 else 4 end,
                distinct_quotes.answered_at desc,
                distinct_quotes.masked_text
        ) as quote_rank
    from distinct_quotes
    inner join theme_ranks
        on distinct_quotes.period_start = theme_ranks.period_start
        and distinct_quotes.theme = theme_ranks.theme
    where theme_ranks.theme_rank <= {{ var('feedback_quote_top_themes') }}

),

final as (

    select
        period_start,
        theme,
        theme_rank,
        theme_comments,
        quote_rank,
        case
            when {{ dbt.length('masked_text') }} > {{ max_chars }}
                then {{ dbt.concat(['trim(substring(masked_text, 1, ' ~ (max_chars - 3) ~ '))', "'...'"]) }}
            else masked_text
        end as quote_text,
        tone,
        journey_stage,
        language,
        survey_name

    from ranked_quotes
    where quote_rank <= {{ var('feedback_quotes_per_theme') }}

)

select * from final
