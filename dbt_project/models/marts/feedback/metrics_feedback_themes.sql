{#-
    feedback_theme_share by answer date: comments carrying a theme / comments with text.
    Encodings: segment_type 'all' = the share carrying any theme (the taxonomy's coverage);
    'theme' (value = theme) over all comments; 'theme_tone' (value 'theme|tone') over the
    comments of that tone, so it says what the negative comments are about;
    'theme_journey_stage' (value 'theme|stage') over the comments of that journey stage.
    Every comment counts (not one per respondent): each is something a customer wrote.
    Wilson 95 % margins of error.
-#}
with

comments as (

    select answer_id, tone, journey_stage, answered_date
    from {{ ref('fct_feedback_comments') }}

),

themes as (

    select answer_id, theme, tone, journey_stage, answered_date
    from {{ ref('fct_feedback_comment_themes') }}

),

themed_comments as (

    select
        comments.*,
        case when exists (
            select 1 from themes where themes.answer_id = comments.answer_id
        ) then 1 else 0 end as has_theme
    from comments

),

comments_expanded as (

    {{ expand_grains_and_segments('themed_comments', 'answered_date', {'tone': 'tone', 'journey_stage': 'journey_stage'}) }}

),

themes_expanded as (

    {{ expand_grains_and_segments('themes', 'answered_date', {'tone': 'tone', 'journey_stage': 'journey_stage'}) }}

),

denominators as (

    select
        {{ metric_keys() }},
        count(*) as comments,
        sum(has_theme) as themed
    from comments_expanded
    group by {{ metric_keys() }}

),

theme_counts as (

    select
        {{ metric_keys() }},
        theme,
        count(*) as themed
    from themes_expanded
    group by {{ metric_keys() }}, theme

),

shares as (

    select
        denominators.period_grain,
        denominators.period_start,
        'all' as segment_type,
        'all' as segment_value,
        denominators.themed,
        denominators.comments
    from denominators
    where denominators.segment_type = 'all'

    union all

    select
        theme_counts.period_grain,
        theme_counts.period_start,
        case theme_counts.segment_type
            when 'all' then 'theme'
            else {{ dbt.concat(["'theme_'", 'theme_counts.segment_type']) }}
        end,
        case theme_counts.segment_type
            when 'all' then theme_counts.theme
            else {{ dbt.concat(['theme_counts.theme', "'|'", 'theme_counts.segment_value']) }}
        end,
        theme_counts.themed,
        denominators.comments
    from theme_counts
    inner join denominators
        on theme_counts.period_grain = denominators.period_grain
        and theme_counts.period_start = denominators.period_start
        and theme_counts.segment_type = denominators.segment_type
        and theme_counts.segment_value = denominators.segment_value

),

final as (

    select
        'feedback_theme_share' as metric_name,
        {{ metric_keys() }},
        {{ safe_ratio('themed', 'comments', 100) }} as value,
        themed as numerator,
        comments as denominator,
        comments as n,
        {{ wilson_margin_of_error('themed', 'comments') }} as margin_of_error
    from shares

)

select * from final
