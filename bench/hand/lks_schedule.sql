-- The exact loonkostensubsidie schedule (docs/rules.md, "Loonkostensubsidie" and "Schedules")
-- in SQL, written from the rules, not from traject's code: an oracle of the amounts of
-- `report subsidy` and `report placements`, included by their hand queries (`-- @include`).
--
-- Input: TEMP TABLE lks_want(placement, kind, wfrom, wto): the windows (days since 1970-01-01)
-- a schedule is wanted for, each named by `kind`.
-- Output: TEMP TABLE lks_amounts(placement, kind, amount, overdue): the subsidy in cents over
-- the window (the placement's days in it) and whether some day of it has no loonwaarde basis
-- (an overdue assessment: the forfait ran out without one).
-- Also: TEMP TABLE lks_placements, the placements known on :AS_OF (an end or an assessment
-- dated later is not known) with their programme, employer and the bundled plugins'
-- eligibility: Schiphol needs a contract of at least 12 hours a week, Haven/Westpoort the
-- milestone vca-basis reached by the placement's start, ZuidoostWerkt! nothing.
--
-- The parameters are the built-in ones of docs/rules.md (typed here from their sources); a
-- parameter applies from its date until the next one. Rounding is half away from zero, of
-- positive amounts only: round(n / d) = (2n + d) / (2d) in integers.

CREATE TEMP TABLE lks_params (name TEXT NOT NULL, valid_from INTEGER NOT NULL,
  value INTEGER NOT NULL);
INSERT INTO lks_params
SELECT column1, CAST(julianday(column2) - 2440587.5 AS INTEGER), column3 FROM (VALUES
  ('wml.monthly', '2019-01-01', 161580), ('wml.monthly', '2019-07-01', 163560),
  ('wml.monthly', '2020-01-01', 165360), ('wml.monthly', '2020-07-01', 168000),
  ('wml.monthly', '2021-01-01', 168480), ('wml.monthly', '2021-07-01', 170100),
  ('wml.monthly', '2022-01-01', 172500), ('wml.monthly', '2022-07-01', 175620),
  ('wml.monthly', '2023-01-01', 193440), ('wml.monthly', '2023-07-01', 199500),
  ('wml.hourly', '2024-01-01', 1327), ('wml.hourly', '2024-07-01', 1368),
  ('wml.hourly', '2025-01-01', 1406), ('wml.hourly', '2025-07-01', 1440),
  ('wml.hourly', '2026-01-01', 1471),
  ('wml.hours-per-month', '2024-01-01', 15600),
  ('vakantiebijslag', '2015-01-01', 800),
  ('lks.werkgeverslasten', '2015-01-01', 2300), ('lks.werkgeverslasten', '2018-01-01', 2350),
  ('lks.cap', '2015-01-01', 7000),
  ('lks.forfait', '2015-01-01', 5000),
  ('lks.normal-week', '2015-01-01', 3800),
  ('lks.hours-basis', '2024-01-01', 3600),
  ('lks.hours-cap', '2024-01-01', 4000)
);

-- Every parameter as it stands from each date on which one changes (NULL: not in force yet):
-- each parameter's latest value on or before that date, one column each.
CREATE TEMP TABLE lks_periods AS
SELECT d.valid_from AS from_day,
  MAX(CASE p.name WHEN 'wml.monthly' THEN p.value END) AS wml_monthly,
  MAX(CASE p.name WHEN 'wml.hourly' THEN p.value END) AS wml_hourly,
  MAX(CASE p.name WHEN 'wml.hours-per-month' THEN p.value END) AS hours_per_month,
  MAX(CASE p.name WHEN 'vakantiebijslag' THEN p.value END) AS vb,
  MAX(CASE p.name WHEN 'lks.werkgeverslasten' THEN p.value END) AS rate,
  MAX(CASE p.name WHEN 'lks.cap' THEN p.value END) AS cap,
  MAX(CASE p.name WHEN 'lks.forfait' THEN p.value END) AS forfait,
  MAX(CASE p.name WHEN 'lks.normal-week' THEN p.value END) AS normal_week,
  MAX(CASE p.name WHEN 'lks.hours-basis' THEN p.value END) AS hours_basis,
  MAX(CASE p.name WHEN 'lks.hours-cap' THEN p.value END) AS hours_cap
FROM (SELECT DISTINCT valid_from FROM lks_params) d
CROSS JOIN lks_params p ON p.valid_from = (
  SELECT MAX(q.valid_from) FROM lks_params q WHERE q.name = p.name AND q.valid_from <= d.valid_from)
GROUP BY d.valid_from;
CREATE INDEX lks_periods_by_day ON lks_periods (from_day);

-- The placements known on :AS_OF; fe: where the forfait ends, start + 6 months
-- (lks.forfait-months) clamped to the month's last day, as traject adds months.
CREATE TEMP TABLE lks_placements AS
SELECT p.id, p.trajectory, t.programme, p.employer, p.centihours AS h, p.start AS s,
  CASE WHEN p.end_date <= :AS_OF THEN p.end_date END AS e,
  CAST(MIN(julianday(2440587.5 + p.start, 'start of month', '+6 months')
             + CAST(strftime('%d', 2440587.5 + p.start) AS INTEGER) - 1,
           julianday(2440587.5 + p.start, 'start of month', '+7 months', '-1 day'))
       - 2440587.5 AS INTEGER) AS fe,
  CASE t.programme
    WHEN 'schiphol' THEN p.centihours >= 1200
    WHEN 'haven-westpoort' THEN EXISTS (
      SELECT 1 FROM milestones m WHERE m.org = p.org AND m.trajectory = p.trajectory
        AND m.milestone = 'vca-basis' AND m.reached <= p.start)
    ELSE 1 END AS eligible
FROM placements p CROSS JOIN trajectories t ON t.org = p.org AND t.id = p.trajectory
WHERE p.org = :ORG AND p.start <= :AS_OF;
CREATE UNIQUE INDEX lks_placements_by_id ON lks_placements (id);

CREATE TEMP TABLE lks_assessed AS
SELECT placement, date, percent FROM loonwaarde WHERE org = :ORG AND date <= :AS_OF;
CREATE INDEX lks_assessed_by_placement ON lks_assessed (placement, date);

-- Each wanted calendar month of each placement: [a, b], its days in the window and the
-- placement's (mf: the month's first day, dim: its number of days).
CREATE TEMP TABLE lks_months AS
WITH RECURSIVE
  w AS (
    SELECT x.placement, x.kind, MAX(x.wfrom, p.s) AS lo, MIN(x.wto, COALESCE(p.e, x.wto)) AS hi
    FROM lks_want x CROSS JOIN lks_placements p ON p.id = x.placement),
  m(placement, kind, lo, hi, mf) AS (
    SELECT placement, kind, lo, hi,
      CAST(julianday(2440587.5 + lo, 'start of month') - 2440587.5 AS INTEGER)
    FROM w WHERE lo <= hi
    UNION ALL
    SELECT placement, kind, lo, hi,
      CAST(julianday(2440587.5 + mf, '+1 month') - 2440587.5 AS INTEGER)
    FROM m WHERE CAST(julianday(2440587.5 + mf, '+1 month') - 2440587.5 AS INTEGER) <= hi)
SELECT placement, kind, mf,
  CAST(julianday(2440587.5 + mf, '+1 month') - 2440587.5 AS INTEGER) - mf AS dim,
  MAX(mf, lo) AS a,
  MIN(CAST(julianday(2440587.5 + mf, '+1 month') - 2440587.5 AS INTEGER) - 1, hi) AS b
FROM m;

-- Where a month's segments start: its first day, an assessment taking effect, the forfait's
-- end.
CREATE TEMP TABLE lks_cuts AS
SELECT m.placement, m.kind, m.mf, m.dim, m.b, m.a AS cut FROM lks_months m
UNION
SELECT m.placement, m.kind, m.mf, m.dim, m.b, l.date FROM lks_months m
  CROSS JOIN lks_assessed l ON l.placement = m.placement AND l.date > m.a AND l.date <= m.b
UNION
SELECT m.placement, m.kind, m.mf, m.dim, m.b, p.fe FROM lks_months m
  CROSS JOIN lks_placements p ON p.id = m.placement WHERE p.fe > m.a AND p.fe <= m.b;

-- Each segment's basis: the latest assessment on or before its first day (packed as
-- date * 1000 + percent), else the forfait before fe, else none (overdue); its parameters:
-- those in force on max(decision date, 1 January of the month's year).
CREATE TEMP TABLE lks_segments AS
SELECT c.placement, c.kind, c.mf, c.dim, c.cut,
  COALESCE(LEAD(c.cut) OVER (PARTITION BY c.placement, c.kind, c.mf ORDER BY c.cut) - 1,
           c.b) AS last,
  (SELECT l.date * 1000 + l.percent FROM lks_assessed l
   WHERE l.placement = c.placement AND l.date <= c.cut ORDER BY l.date DESC LIMIT 1) AS latest,
  p.s, p.h, p.fe
FROM lks_cuts c CROSS JOIN lks_placements p ON p.id = c.placement;

CREATE TEMP TABLE lks_priced AS
WITH
  based AS (
    SELECT placement, kind, mf, dim, cut, last, h,
      latest IS NULL AND cut >= fe AS overdue,
      latest IS NULL AND cut < fe AS forfait,
      latest % 1000 AS lw,
      MAX(COALESCE(latest / 1000, s),
          CAST(julianday(2440587.5 + mf, 'start of year') - 2440587.5 AS INTEGER)) AS pd
    FROM lks_segments),
  dated AS (
    SELECT based.*, pd >= CAST(julianday('2024-01-01') - 2440587.5 AS INTEGER) AS v2024,
      (SELECT from_day FROM lks_periods WHERE from_day <= pd ORDER BY from_day DESC LIMIT 1)
        AS period
    FROM based),
  waged AS (
    SELECT dated.*, pr.vb, pr.rate, pr.cap, pr.forfait AS forfait_bp,
      CASE WHEN v2024 THEN (2 * pr.wml_hourly * pr.hours_per_month + 100) / 200
           ELSE pr.wml_monthly END AS wml,
      MIN(h, CASE WHEN v2024 THEN pr.hours_cap ELSE pr.normal_week END) AS counted,
      CASE WHEN v2024 THEN pr.hours_basis ELSE pr.normal_week END AS divisor
    FROM dated CROSS JOIN lks_periods pr ON pr.from_day = dated.period),
  shared AS (
    SELECT waged.*, (2 * wml * (10000 + vb) + 10000) / 20000 AS base,
      CASE WHEN lw IS NOT NULL THEN MIN((100 - lw) * 100, cap) ELSE MIN(forfait_bp, cap) END
        AS share
    FROM waged),
  subsidised AS (
    SELECT shared.*,
      (2 * base * share * counted + 10000 * divisor) / (20000 * divisor) AS lks
    FROM shared)
SELECT placement, kind, mf, dim, cut, last, overdue, forfait, lw,
  CASE WHEN overdue THEN NULL ELSE lks + (2 * lks * rate + 10000) / 20000 END AS total
FROM subsidised;

-- Adjacent segments of a month on the same basis with the same full-month amount are one;
-- a segment pays its full-month amount × its days / the month's days, rounded.
CREATE TEMP TABLE lks_amounts AS
SELECT placement, kind, SUM(amount) AS amount, MAX(overdue) AS overdue
FROM (
  SELECT placement, kind, MAX(overdue) AS overdue,
    CASE WHEN MAX(overdue) THEN 0
         WHEN MAX(last) - MIN(cut) + 1 = MIN(dim) THEN MIN(total)
         ELSE (2 * MIN(total) * (MAX(last) - MIN(cut) + 1) + MIN(dim)) / (2 * MIN(dim)) END
      AS amount
  FROM (
    SELECT *, SUM(changed) OVER (PARTITION BY placement, kind, mf ORDER BY cut
                                 ROWS UNBOUNDED PRECEDING) AS run
    FROM (
      SELECT *, COALESCE(basis IS NOT LAG(basis) OVER (PARTITION BY placement, kind, mf
                                                       ORDER BY cut), 1) AS changed
      FROM (
        SELECT *, CASE WHEN overdue THEN 'overdue'
                       WHEN forfait THEN 'forfait:' || total
                       ELSE 'lw' || lw || ':' || total END AS basis
        FROM lks_priced)))
  GROUP BY placement, kind, mf, run)
GROUP BY placement, kind;
CREATE UNIQUE INDEX lks_amounts_by_placement ON lks_amounts (placement, kind);
