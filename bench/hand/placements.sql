-- report placements (by programme), window [:FROM, :TO], as of :AS_OF:
--   placements       placements active on some day of the window (started by :TO, not ended
--                    before :FROM)
--   started / ended  of those, started / ended within the window
--   active           of those, running on the window's last day (not ended before it)
--   average_wage     their mean gross monthly wage, euros, rounded half away from zero
--   lks_total        the loonkostensubsidie of the eligible ones over their days in the window
--                    (the schedule: lks_schedule.sql), euros with two decimals
--   lks_ineligible   those their banenplan excludes from loonkostensubsidie
--   overdue_assessments  eligible ones with an overdue assessment in the window
--   rules_missing    0: the bundled plugins' rules are in lks_schedule.sql
-- An end dated after the as-of date is not known (still running).
-- Columns as `traject report placements --csv` without name, werkbehoud_6m_pct and total.
-- Parameters (substituted as text): :ORG (an SQL string), :AS_OF, :FROM, :TO (days since
-- 1970-01-01; :TO already cut to the as-of date).
CREATE TEMP TABLE lks_want AS
SELECT id AS placement, 'window' AS kind, :FROM AS wfrom, :TO AS wto FROM placements
WHERE org = :ORG AND start <= :TO AND (end_date IS NULL OR end_date > :AS_OF OR end_date >= :FROM);

-- @include lks_schedule.sql

SELECT programme,
  COUNT(*) AS placements,
  SUM(start >= :FROM) AS started,
  SUM(end_date IS NULL OR end_date >= :TO) AS active,
  COUNT(CASE WHEN end_date <= :TO THEN 1 END) AS ended,
  printf('%d.%02d', (2 * SUM(wage_cents) + COUNT(*)) / (2 * COUNT(*)) / 100,
         (2 * SUM(wage_cents) + COUNT(*)) / (2 * COUNT(*)) % 100) AS average_wage,
  printf('%d.%02d', SUM(lks) / 100, SUM(lks) % 100) AS lks_total,
  SUM(NOT eligible) AS lks_ineligible,
  SUM(eligible AND overdue) AS overdue_assessments,
  0 AS rules_missing
FROM (
  SELECT t.programme, p.start, p.wage_cents,
    CASE WHEN p.end_date <= :AS_OF THEN p.end_date END AS end_date,
    k.eligible, CASE WHEN k.eligible THEN COALESCE(a.amount, 0) ELSE 0 END AS lks,
    COALESCE(a.overdue, 0) AS overdue
  FROM placements p CROSS JOIN trajectories t ON t.org = p.org AND t.id = p.trajectory
  JOIN lks_placements k ON k.id = p.id
  LEFT JOIN lks_amounts a ON a.placement = p.id AND a.kind = 'window'
  WHERE p.org = :ORG AND p.start <= :TO AND (p.end_date IS NULL OR p.end_date >= :FROM)
)
GROUP BY programme
ORDER BY programme;
