-- report placements (by programme), window [:FROM, :TO], as of :AS_OF: its counts and wages.
-- The loonkostensubsidie columns (lks_total, lks_ineligible, overdue_assessments) need the
-- exact schedule and the banenplan plugin's eligibility decision (an excluded placement has no
-- overdue assessment: traject counts only eligible ones): no SQL computes them.
--   placements       placements active on some day of the window (started by :TO, not ended
--                    before :FROM)
--   started / ended  of those, started / ended within the window
--   active           of those, running on the window's last day (not ended before it)
--   average_wage     their mean gross monthly wage, euros, rounded half away from zero
-- An end dated after the as-of date is not known (still running).
-- Columns as `traject report placements --csv` without name, werkbehoud_6m_pct, the LKS
-- columns and total.
-- Parameters (substituted as text): :ORG (an SQL string), :AS_OF, :FROM, :TO (days since
-- 1970-01-01; :TO already cut to the as-of date).
SELECT programme,
  COUNT(*) AS placements,
  SUM(start >= :FROM) AS started,
  SUM(end_date IS NULL OR end_date >= :TO) AS active,
  SUM(end_date <= :TO) AS ended,
  printf('%d.%02d', (2 * SUM(wage_cents) + COUNT(*)) / (2 * COUNT(*)) / 100,
         (2 * SUM(wage_cents) + COUNT(*)) / (2 * COUNT(*)) % 100) AS average_wage
FROM (
  SELECT t.programme, p.start, p.wage_cents,
    CASE WHEN p.end_date <= :AS_OF THEN p.end_date END AS end_date
  FROM placements p CROSS JOIN trajectories t ON t.org = p.org AND t.id = p.trajectory
  WHERE p.org = :ORG AND p.start <= :TO AND (p.end_date IS NULL OR p.end_date >= :FROM)
)
GROUP BY programme
ORDER BY programme;
