-- The yearly figures of bench/report_figures.py, computed by one hand-written PostgreSQL query: the
-- baseline that klachtwijzer/reporting/figures.py is timed against. Same definitions as figures.py
-- (spec/report-figures.md): the cohort is received in the report's year and the four before it, up to
-- the reference date; closed means closed on or before the reference date.
--
-- Parameters: %(start)s first day of the five years, %(end)s last day of receipt counted,
-- %(as_of)s the reference date, %(target)s the internal target in days, and for the open/handled counts
-- %(y0)s..%(y4)s the first day of each year and %(e0)s..%(e4)s its last day (or the reference date).
-- Every row is (part, year, key1, key2, values): values is an array whose positions the script knows.
-- A group of natures counts the classifications under its natures, as figures.py does. The script runs
-- this query as written (the cohort materialised once) and with the cohort inlined into every branch
-- (NOT MATERIALIZED), and takes the faster as the baseline.
WITH cohort AS MATERIALIZED (
    SELECT c.id, EXTRACT(YEAR FROM c.received_on)::int AS y, c.kind, c.channel, c.department_id,
           c.partner_id, c.judgement, c.outcome,
           c.closed_on <= %(as_of)s AS closed,
           c.closed_on - c.received_on AS days,
           c.closed_on <= c.term_ends_on AS in_term,
           c.closed_on <= c.ten_week_term_ends_on AS in_ten,
           (c.closed_on <= c.term_ends_on
            OR (c.extension_notice_on <= c.term_ends_on AND c.closed_on <= c.extended_term_ends_on)) AS in_legal,
           c.extension_notice_on <= %(as_of)s AS extended,
           c.ombudsman_referred_on <= %(as_of)s AS referred
    FROM complaints_complaint c
    WHERE c.received_on BETWEEN %(start)s AND %(end)s
)
SELECT 'totals', y, kind, NULL, ARRAY[
    count(*), count(*) FILTER (WHERE closed),
    count(*) FILTER (WHERE closed AND in_term), count(*) FILTER (WHERE closed AND in_ten),
    count(*) FILTER (WHERE closed AND in_legal), count(*) FILTER (WHERE closed AND days <= %(target)s),
    count(*) FILTER (WHERE extended), count(*) FILTER (WHERE referred),
    count(*) FILTER (WHERE closed AND outcome = 'judged' AND judgement = 'gegrond'),
    count(*) FILTER (WHERE closed AND outcome = 'judged' AND judgement = 'deels gegrond'),
    count(*) FILTER (WHERE closed AND outcome = 'judged' AND judgement = 'ongegrond'),
    count(*) FILTER (WHERE closed AND outcome = 'judged' AND judgement = 'geen oordeel'),
    count(*) FILTER (WHERE closed AND outcome = 'informal'),
    count(*) FILTER (WHERE closed AND outcome = 'withdrawn'),
    count(*) FILTER (WHERE closed AND outcome = 'not_handled'),
    count(*) FILTER (WHERE closed AND outcome = 'forwarded'),
    count(*) FILTER (WHERE closed AND outcome = 'not_a_complaint'),
    round(10 * percentile_cont(0.5) WITHIN GROUP (ORDER BY days) FILTER (WHERE closed))::bigint
]
FROM cohort GROUP BY y, kind
UNION ALL
SELECT 'department', y, kind, d.name, ARRAY[
    count(*),
    count(*) FILTER (WHERE closed AND outcome = 'judged' AND judgement = 'gegrond'),
    count(*) FILTER (WHERE closed AND outcome = 'judged' AND judgement = 'deels gegrond'),
    count(*) FILTER (WHERE closed AND outcome = 'judged' AND judgement = 'ongegrond'),
    count(*) FILTER (WHERE closed AND outcome = 'judged' AND judgement = 'geen oordeel'),
    count(*) FILTER (WHERE closed AND outcome = 'informal'),
    count(*) FILTER (WHERE closed AND outcome = 'withdrawn'),
    count(*) FILTER (WHERE closed AND outcome = 'not_handled'),
    count(*) FILTER (WHERE closed AND outcome = 'forwarded'),
    count(*) FILTER (WHERE closed AND outcome = 'not_a_complaint')
]
FROM cohort LEFT JOIN accounts_department d ON d.id = cohort.department_id GROUP BY y, kind, d.name
UNION ALL
SELECT 'channel', y, channel, NULL, ARRAY[count(*)] FROM cohort WHERE kind = 'awb' GROUP BY y, channel
UNION ALL
SELECT 'partner', y, p.name, NULL, ARRAY[count(*)]
FROM cohort JOIN accounts_partner p ON p.id = cohort.partner_id WHERE kind = 'awb' GROUP BY y, p.name
UNION ALL
SELECT 'nature', y, n.name, n."group", ARRAY[
    count(*), count(*) FILTER (WHERE closed AND judgement IN ('gegrond', 'deels gegrond'))
]
FROM cohort
JOIN complaints_complaint_natures cn ON cn.complaint_id = cohort.id
JOIN complaints_nature n ON n.id = cn.nature_id
WHERE kind = 'awb' GROUP BY y, n.name, n."group"
UNION ALL
SELECT 'group', y, n."group", NULL, ARRAY[
    count(*), count(*) FILTER (WHERE closed AND judgement IN ('gegrond', 'deels gegrond'))
]
FROM cohort
JOIN complaints_complaint_natures cn ON cn.complaint_id = cohort.id
JOIN complaints_nature n ON n.id = cn.nature_id
WHERE kind = 'awb' GROUP BY y, n."group"
UNION ALL
SELECT 'flow', NULL, NULL, NULL, ARRAY[
    count(*) FILTER (WHERE received_on < %(y0)s AND (closed_on IS NULL OR closed_on >= %(y0)s)),
    count(*) FILTER (WHERE received_on <= %(e0)s AND (closed_on IS NULL OR closed_on > %(e0)s)),
    count(*) FILTER (WHERE closed_on BETWEEN %(y0)s AND %(e0)s),
    count(*) FILTER (WHERE received_on < %(y1)s AND (closed_on IS NULL OR closed_on >= %(y1)s)),
    count(*) FILTER (WHERE received_on <= %(e1)s AND (closed_on IS NULL OR closed_on > %(e1)s)),
    count(*) FILTER (WHERE closed_on BETWEEN %(y1)s AND %(e1)s),
    count(*) FILTER (WHERE received_on < %(y2)s AND (closed_on IS NULL OR closed_on >= %(y2)s)),
    count(*) FILTER (WHERE received_on <= %(e2)s AND (closed_on IS NULL OR closed_on > %(e2)s)),
    count(*) FILTER (WHERE closed_on BETWEEN %(y2)s AND %(e2)s),
    count(*) FILTER (WHERE received_on < %(y3)s AND (closed_on IS NULL OR closed_on >= %(y3)s)),
    count(*) FILTER (WHERE received_on <= %(e3)s AND (closed_on IS NULL OR closed_on > %(e3)s)),
    count(*) FILTER (WHERE closed_on BETWEEN %(y3)s AND %(e3)s),
    count(*) FILTER (WHERE received_on < %(y4)s AND (closed_on IS NULL OR closed_on >= %(y4)s)),
    count(*) FILTER (WHERE received_on <= %(e4)s AND (closed_on IS NULL OR closed_on > %(e4)s)),
    count(*) FILTER (WHERE closed_on BETWEEN %(y4)s AND %(e4)s)
]
FROM complaints_complaint
WHERE kind = 'awb' AND received_on <= %(end)s AND (closed_on IS NULL OR closed_on >= %(start)s)
