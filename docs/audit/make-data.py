#!/usr/bin/env python3
"""The data of session 27's numbers audit, written into the current folder from ../shared/data:
womens.csv (the women's reviews with a seeded submittedAt spread over 2025-09-01..2026-04-30 UTC,
uniform, and an account acct-NN = Clothing ID mod 40), yelp-nps.ndjson (the UCI yelp sentences as
NPS: label 1 scores 7-10, label 0 scores 0-8, seeded; 2026-02-15..2026-04-16, across both DST
changes of 2026; region EU/US/APAC), amazon-ces.ndjson (the UCI amazon sentences as CES: label 1
scores 5-7, label 0 1-5; channel web/app), and with --drop, drop.ndjson (260 NPS responses over the
35 days before now, the last 7 days worse) for a metric_drop rule. Seeds 27, 2727, 2728, 2729."""
import sys
import csv, random, datetime as dt, json, os
DATA = os.environ.get('EARFUL_SHARED_DATA', '../shared/data')
rnd = random.Random(27)
start = dt.datetime(2025, 9, 1, tzinfo=dt.timezone.utc)
end = dt.datetime(2026, 4, 30, tzinfo=dt.timezone.utc)
span = int((end - start).total_seconds())
with open(DATA + '/womens-clothing-reviews.csv', newline='', encoding='utf-8') as f, \
     open('womens.csv', 'w', newline='', encoding='utf-8') as out:
    r = csv.reader(f); w = csv.writer(out)
    header = next(r)
    w.writerow(header + ['submittedAt', 'account'])
    for row in r:
        t = start + dt.timedelta(seconds=rnd.randrange(span))
        acct = 'acct-%02d' % (int(row[1]) % 40)   # 40 synthetic accounts from Clothing ID
        w.writerow(row + [t.strftime('%Y-%m-%dT%H:%M:%SZ'), acct])
# NPS set from UCI yelp: label 1 -> 7-10, label 0 -> 0-8 (seeded), spread over 2026-02-15..2026-04-15 (US DST 8 Mar, EU 29 Mar)
rnd = random.Random(2727)
s2 = dt.datetime(2026, 2, 15, tzinfo=dt.timezone.utc); span2 = 60 * 86400
with open(DATA + '/sentiment-labelled-sentences/yelp_labelled.txt', encoding='utf-8') as f, open('yelp-nps.ndjson', 'w') as out:
    for i, line in enumerate(f):
        text, label = line.rstrip('\n').rsplit('\t', 1)
        score = rnd.choice([7, 8, 9, 9, 10, 10]) if label == '1' else rnd.choice([0, 1, 2, 3, 4, 5, 6, 6, 7, 8])
        t = s2 + dt.timedelta(seconds=rnd.randrange(span2))
        out.write(json.dumps({'id': 'y%04d' % i, 'metric': 'nps', 'score': score, 'comment': text,
                              'submittedAt': t.strftime('%Y-%m-%dT%H:%M:%SZ'),
                              'segments': {'region': rnd.choice(['EU', 'US', 'APAC'])}}) + '\n')
# CES set from UCI amazon: label 1 -> 5-7, 0 -> 1-5
rnd = random.Random(2728)
with open(DATA + '/sentiment-labelled-sentences/amazon_cells_labelled.txt', encoding='utf-8') as f, open('amazon-ces.ndjson', 'w') as out:
    for i, line in enumerate(f):
        text, label = line.rstrip('\n').rsplit('\t', 1)
        score = rnd.choice([5, 6, 7, 7]) if label == '1' else rnd.choice([1, 2, 3, 4, 5])
        t = s2 + dt.timedelta(seconds=rnd.randrange(span2))
        out.write(json.dumps({'id': 'a%04d' % i, 'metric': 'ces', 'score': score, 'comment': text,
                              'submittedAt': t.strftime('%Y-%m-%dT%H:%M:%SZ'),
                              'segments': {'channel': rnd.choice(['web', 'app'])}}) + '\n')
if '--drop' in sys.argv:
    rnd = random.Random(2729)
    now = dt.datetime.now(dt.timezone.utc)
    lines = [l.rsplit('\t', 1)[0] for l in open(DATA + '/sentiment-labelled-sentences/yelp_labelled.txt', encoding='utf-8')]
    with open('drop.ndjson', 'w') as out:
        for i in range(260):
            window = i < 80
            if window:  # (now - 7 days, now], kept 3 hours off both ends
                t = now - dt.timedelta(hours=rnd.uniform(3, 7 * 24 - 3))
                score = rnd.choice([0, 2, 4, 5, 6, 6, 7, 8, 9, 10])
            else:  # the 28 days before
                t = now - dt.timedelta(hours=rnd.uniform(7 * 24 + 3, 35 * 24 - 3))
                score = rnd.choice([3, 6, 7, 8, 9, 9, 10, 10, 10, 9])
            out.write(json.dumps({'id': 'd%03d' % i, 'metric': 'nps', 'score': score, 'comment': lines[i],
                                  'submittedAt': t.strftime('%Y-%m-%dT%H:%M:%SZ')}) + '\n')
