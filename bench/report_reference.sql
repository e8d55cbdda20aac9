-- The yearly figures of bench/report_figures.py, computed by one hand-written PostgreSQL query: the
-- baseline that klachtwijzer/reporting/figures.py is timed against. Same definitions as figures.py
-- (docs/reporting.md): the cohort is received in the report's year and the four before it, up to the
-- reference date; closed means closed on or before the reference date.
--
-- Parameters: %(start)s first day of the five years, %(end)s last day of receipt counted,
-- %(as_of)s the reference date, %(target)s the internal target in days, and for the open/handled counts
-- %(y0)s..%(y4)s the first day of each year and %(e0)s..%(e4)s its last day (or the reference date).
-- Every row is (part, year, key1, key2, values): values is an array whose positions the script knows.
--
-- Lean on purpose: it does no work the product does not do. Departments, partners and natures are
-- grouped by id and named afterwards (a join over a few dozen grouped rows, not over every complaint);
-- a group of natures is summed from the per-nature counts (as figures.py does: the classifications
-- under its natures), so the nature links are joined once. The script runs this query as written
-- (the cohort materialised once), with the cohort inlined into every branch (NOT MATERIALIZED), and
-- with the median in a branch of its own; it takes the fastest as the baseline.
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
           c.ombudsman_referred_on <= %(as_of)s AS referred,
           c.form = 'oral' AS oral,
           (c.acknowledgement_due_on < %(as_of)s OR c.acknowledged_on <= %(as_of)s) AS to_acknowledge,
           (c.acknowledged_on <= %(as_of)s AND c.acknowledged_on <= c.acknowledgement_due_on) AS acknowledged_in_time
    FROM complaints_complaint c
    WHERE c.received_on BETWEEN %(start)s AND %(end)s
),
natures AS MATERIALIZED (
    SELECT g.y, n.name, n."group", g.n, g.founded
    FROM (
        SELECT y, cn.nature_id, count(*) AS n,
               count(*) FILTER (WHERE closed AND judgement IN ('gegrond', 'deels gegrond')) AS founded
        FROM cohort JOIN complaints_complaint_natures cn ON cn.complaint_id = cohort.id
        WHERE kind = 'awb' GROUP BY y, cn.nature_id
    ) g
    JOIN complaints_nature n ON n.id = g.nature_id
)
SELECT 'totals', y, kind, NULL, ARRAY[
    count(*), count(*) FILTER (WHERE closed),
    count(*) FILTER (WHERE closed AND in_term), count(*) FILTER (WHERE closed AND in_ten),
    count(*) FILTER (WHERE closed AND in_legal), count(*) FILTER (WHERE closed AND days <= %(target)s),
    count(*) FILTER (WHERE extended), count(*) FILTER (WHERE referred),
    count(*) FILTER (WHERE oral), count(*) FILTER (WHERE to_acknowledge),
    count(*) FILTER (WHERE acknowledged_in_time),
    count(*) FILTER (WHERE closed AND outcome = 'judged' AND judgement = 'gegrond'),
    count(*) FILTER (WHERE closed AND outcome = 'judged' AND judgement = 'deels gegrond'),
    count(*) FILTER (WHERE closed AND outcome = 'judged' AND judgement = 'ongegrond'),
    count(*) FILTER (WHERE closed AND outcome = 'judged' AND judgement = 'geen oordeel'),
    count(*) FILTER (WHERE closed AND outcome = 'informal'),
    count(*) FILTER (WHERE closed AND outcome = 'withdrawn'),
    count(*) FILTER (WHERE closed AND outcome = 'not_handled'),
    count(*) FILTER (WHERE closed AND outcome = 'forwarded'),
    count(*) FILTER (WHERE closed AND outcome = 'not_a_complaint'),
    round(10 * percentile_cont(0.5) WITHIN GROUP (ORDER BY days) FILTER (WHERE closed))::bigint -- @median
]
FROM cohort GROUP BY y, kind
UNION ALL
SELECT 'department', g.y, g.kind, d.name, g.counts
FROM (
    SELECT y, kind, department_id, ARRAY[
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
    ] AS counts
    FROM cohort GROUP BY y, kind, department_id
) g LEFT JOIN accounts_department d ON d.id = g.department_id
UNION ALL
SELECT 'channel', y, channel, NULL, ARRAY[count(*)] FROM cohort WHERE kind = 'awb' GROUP BY y, channel
UNION ALL
SELECT 'partner', g.y, p.name, NULL, ARRAY[g.n]
FROM (
    SELECT y, partner_id, count(*) AS n FROM cohort
    WHERE kind = 'awb' AND partner_id IS NOT NULL GROUP BY y, partner_id
) g JOIN accounts_partner p ON p.id = g.partner_id
UNION ALL
SELECT 'nature', y, name, "group", ARRAY[n, founded] FROM natures
UNION ALL
SELECT 'group', y, "group", NULL, ARRAY[sum(n)::bigint, sum(founded)::bigint] FROM natures GROUP BY y, "group"
UNION ALL
-- @median-branch
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
