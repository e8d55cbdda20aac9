-- The dashboard's figures (reporting/figures.py, compute_period_figures) by one hand-written
-- PostgreSQL query: the baseline bench/dashboard.py times the dashboard against. Two periods
-- (p0: a year earlier, p1: the chosen one), the filters as parameters that may be NULL, closed meaning
-- closed on or before %(as_of)s. Rows are (part, period, key, values).
WITH cohort AS MATERIALIZED (
    SELECT c.id, CASE WHEN c.received_on BETWEEN %(p0s)s AND %(p0e)s THEN 0 ELSE 1 END AS p,
           c.received_on, c.kind, c.channel, c.department_id, c.partner_id, c.judgement, c.outcome,
           c.closed_on <= %(as_of)s AS closed, c.closed_on - c.received_on AS days,
           c.closed_on <= c.term_ends_on AS in_term, c.closed_on <= c.ten_week_term_ends_on AS in_ten,
           (c.closed_on <= c.term_ends_on
            OR (c.extension_notice_on <= c.term_ends_on AND c.closed_on <= c.extended_term_ends_on)) AS in_legal,
           c.extension_notice_on <= %(as_of)s AS extended
    FROM complaints_complaint c
    WHERE (c.received_on BETWEEN %(p0s)s AND %(p0e)s OR c.received_on BETWEEN %(p1s)s AND %(p1e)s)
      AND (%(department)s::bigint IS NULL OR c.department_id = %(department)s)
      AND (%(channel)s::text IS NULL OR c.channel = %(channel)s)
      AND (%(partner)s::bigint IS NULL OR c.partner_id = %(partner)s)
      AND (%(natures)s::bigint[] IS NULL OR EXISTS (
          SELECT 1 FROM complaints_complaint_natures n WHERE n.complaint_id = c.id AND n.nature_id = ANY(%(natures)s)))
)
SELECT 'totals', p, kind, ARRAY[
    count(*), count(*) FILTER (WHERE closed), count(*) FILTER (WHERE closed AND in_term),
    count(*) FILTER (WHERE closed AND in_ten), count(*) FILTER (WHERE closed AND in_legal),
    count(*) FILTER (WHERE closed AND days <= %(target)s), count(*) FILTER (WHERE extended),
    count(*) FILTER (WHERE closed AND judgement IN ('gegrond', 'deels gegrond')),
    (10 * percentile_cont(0.5) WITHIN GROUP (ORDER BY days) FILTER (WHERE closed))::bigint]
FROM cohort GROUP BY p, kind
UNION ALL
SELECT 'outcome', p, outcome || ':' || judgement, ARRAY[count(*)]
FROM cohort WHERE kind = 'awb' AND closed GROUP BY p, outcome, judgement
UNION ALL
SELECT 'department', p, department_id::text, ARRAY[count(*)] FROM cohort WHERE kind = 'awb' GROUP BY p, department_id
UNION ALL
SELECT 'channel', p, channel, ARRAY[count(*)] FROM cohort WHERE kind = 'awb' GROUP BY p, channel
UNION ALL
SELECT 'partner', p, partner_id::text, ARRAY[count(*)]
FROM cohort WHERE kind = 'awb' AND partner_id IS NOT NULL GROUP BY p, partner_id
UNION ALL
SELECT 'month', p, to_char(received_on, 'YYYY-MM'), ARRAY[count(*)] FROM cohort WHERE kind = 'awb' GROUP BY 1, 2, 3
UNION ALL
SELECT 'nature', c.p, n.nature_id::text,
       ARRAY[count(*), count(*) FILTER (WHERE c.closed AND c.judgement IN ('gegrond', 'deels gegrond'))]
FROM cohort c JOIN complaints_complaint_natures n ON n.complaint_id = c.id WHERE c.kind = 'awb'
GROUP BY c.p, n.nature_id
UNION ALL
SELECT 'flow', NULL, NULL, ARRAY[
    count(*) FILTER (WHERE received_on < %(p0s)s AND (closed_on IS NULL OR closed_on >= %(p0s)s)),
    count(*) FILTER (WHERE received_on <= %(p0e)s AND (closed_on IS NULL OR closed_on > %(p0e)s)),
    count(*) FILTER (WHERE closed_on BETWEEN %(p0s)s AND %(p0e)s),
    count(*) FILTER (WHERE received_on < %(p1s)s AND (closed_on IS NULL OR closed_on >= %(p1s)s)),
    count(*) FILTER (WHERE received_on <= %(p1e)s AND (closed_on IS NULL OR closed_on > %(p1e)s)),
    count(*) FILTER (WHERE closed_on BETWEEN %(p1s)s AND %(p1e)s)]
FROM complaints_complaint
WHERE kind = 'awb' AND received_on <= %(p1e)s AND (closed_on IS NULL OR closed_on >= %(p0s)s)
  AND (%(department)s::bigint IS NULL OR department_id = %(department)s)
  AND (%(channel)s::text IS NULL OR channel = %(channel)s)
  AND (%(partner)s::bigint IS NULL OR partner_id = %(partner)s)
  AND (%(natures)s::bigint[] IS NULL OR EXISTS (
      SELECT 1 FROM complaints_complaint_natures n WHERE n.complaint_id = complaints_complaint.id
      AND n.nature_id = ANY(%(natures)s)))
