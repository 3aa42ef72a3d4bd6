#!/usr/bin/env python3
"""Compares a report's figures: traject's CSV against a hand-written query's CSV.

    compare.py TRAJECT_CSV HAND_CSV KEY[,KEY...] [EXTRA[,EXTRA...]]

From traject's CSV it drops the `name` label column (unless the hand query has one: in caseload
it is the caseworker, the key), every `*_pct` column and the total row(s) (first column `total`
or `Total`; in caseload, name `total`). Every column of the hand query must be one of traject's,
by name, except the EXTRA ones: inputs of a figure no SQL computes, only in the hand query and
not compared. traject columns the hand query lacks are named as not compared. Rows are matched
on the KEY columns, their order is not compared, and a row whose figures are all 0 (or empty)
counts as no row (traject lists only the groups it counted something for). A hand query
without rows prints no header: it equals a traject CSV that counts nothing.

Exit 0 when every row and figure agrees (one line: how many rows); 1 otherwise, with the number
of differing rows and the first ten, each with its key and the figures that differ.
"""
import csv
import sys


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = [r for r in csv.reader(f) if r]
    return (rows[0], rows[1:]) if rows else ([], [])


def main():
    traject_path, hand_path, keys = sys.argv[1:4]
    keys = keys.split(",")
    extra = set(sys.argv[4].split(",")) if len(sys.argv) > 4 and sys.argv[4] else set()
    t_head, t_rows = read(traject_path)
    h_head, h_rows = read(hand_path)
    if not t_head:
        print("no CSV header from traject")
        return 1
    if not h_head:
        # sqlite3 prints no header for a query without rows: equal when traject counted nothing.
        counted = [r for r in t_rows if r[0] not in ("total", "Total") and "total" not in r
                   and any(x.strip() not in ("0", "", "0.00") for c, x in zip(t_head, r)
                           if c not in keys and c != "name")]
        if counted:
            print("no rows from the hand query, %d from traject" % len(counted))
            return 1
        print("0 rows equal")
        return 0
    unknown = [c for c in h_head if c not in t_head and c not in extra]
    if unknown:
        print("columns of the hand query that traject's CSV lacks: %s" % ", ".join(unknown))
        return 1
    dropped = {c for c in t_head if c.endswith("_pct") or (c == "name" and c not in h_head)}
    not_compared = [c for c in t_head if c not in dropped and c not in h_head]
    cols = [c for c in h_head if c not in extra]
    t_idx = {c: i for i, c in enumerate(t_head)}
    h_idx = {c: i for i, c in enumerate(h_head)}

    def is_total(row):
        if t_head[0] == "role":  # caseload: one total row per role
            return row[t_idx["name"]] == "total"
        return row[0] in ("total", "Total")

    kpos = [cols.index(k) for k in keys]
    figures = [i for i in range(len(cols)) if i not in kpos]

    def project(rows, idx):
        out = [[r[idx[c]].strip() for c in cols] for r in rows]
        return [r for r in out if any(r[i] not in ("0", "") for i in figures)]

    t = project([r for r in t_rows if not is_total(r)], t_idx)
    h = project(h_rows, h_idx)
    t_by, h_by = {}, {}
    for rows, by in ((t, t_by), (h, h_by)):
        for r in rows:
            by.setdefault(tuple(r[i] for i in kpos), []).append(r)
    diffs = []
    for k in sorted(set(t_by) | set(h_by)):
        a, b = sorted(t_by.get(k, [])), sorted(h_by.get(k, []))
        name = "/".join(k)
        for i in range(max(len(a), len(b))):
            ra = a[i] if i < len(a) else None
            rb = b[i] if i < len(b) else None
            if ra == rb:
                continue
            if ra and rb:
                what = ", ".join("%s %s vs %s" % (c, x, y) for c, x, y in zip(cols, ra, rb)
                                 if x != y)
                diffs.append("%s: traject vs hand: %s" % (name, what))
            elif ra:
                diffs.append("%s: only traject: %s" % (name, ",".join(ra)))
            else:
                diffs.append("%s: only hand: %s" % (name, ",".join(rb)))
    note = " (not compared: %s)" % ", ".join(not_compared) if not_compared else ""
    if diffs:
        print("%d rows differ (traject %d rows, hand %d)%s" % (len(diffs), len(t), len(h), note))
        for d in diffs[:10]:
            print("  " + d)
        return 1
    print("%d rows equal%s" % (len(t), note))
    return 0


if __name__ == "__main__":
    sys.exit(main())
