{#-
    Fails on every business_schedule row that is not 'HH:MM' with 00:00 <= open < close
    <= 24:00, and on rows that overlap another row of the same weekday (overlapping rows
    would count the same minutes twice). A time with other characters than digits where the
    hours and minutes go fails the cast, with the engine's error naming the value.
-#}
with

schedule as (

    select
        weekday,
        open_time,
        close_time,
        {{ minute_of_day('open_time') }} as open_minute,
        {{ minute_of_day('close_time') }} as close_minute
    from {{ ref('business_schedule') }}

),

malformed as (

    select weekday, open_time, close_time, 'not HH:MM, or not 00:00 <= open < close <= 24:00' as problem
    from schedule
    where {{ dbt.length('open_time') }} <> 5
        or {{ dbt.length('close_time') }} <> 5
        or substring(open_time, 3, 1) <> ':'
        or substring(close_time, 3, 1) <> ':'
        or open_minute < 0
        or open_minute >= close_minute
        or close_minute > 1440

),

overlapping as (

    select earlier.weekday, earlier.open_time, earlier.close_time, 'overlaps another row' as problem
    from schedule as earlier
    inner join schedule as later
        on earlier.weekday = later.weekday
        and earlier.open_time <> later.open_time
        and earlier.open_minute <= later.open_minute
        and later.open_minute < earlier.close_minute

),

duplicated as (

    select weekday, open_time, max(close_time) as close_time, 'two rows open at the same time' as problem
    from schedule
    group by weekday, open_time
    having count(*) > 1

),

final as (

    select * from malformed
    union all
    select * from overlapping
    union all
    select * from duplicated

)

select * from final
