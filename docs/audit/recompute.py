#!/usr/bin/env python3
"""Session 27's numbers audit: recompute every figure Earful shows from the raw files and the
themes the API says each response has (GET /search's hits), independently of the Java code, and
list the differences.

Usage:
  python3 docs/audit/make-data.py [--drop]          # in a folder of your own
  earful import yelp-nps.ndjson / amazon-ces.ndjson / womens.csv (--metric csat --id-column '#0'
      --score-column Rating --text-column 'Title,Review Text' --segment-columns 'Division Name,
      Department Name,Class Name' --time-column submittedAt --account-column account), then serve
  recompute.py BASE_URL RAW_DIR [--drop BASE_URL2 drop.ndjson]
      RAW_DIR: the folder make-data.py wrote; BASE_URL2: a second server whose data holds only
      drop.ndjson and one metric_drop rule on NPS (POST /alert-rules before the import).
Prints "N figures checked, M equal" per area, then every difference (DIFF area | figure | api | mine).
Python 3 with numpy and scipy; no network but the servers.
"""
import csv, json, math, sys, urllib.parse, urllib.request, datetime as dt
from collections import Counter, defaultdict
import numpy as np
from scipy import stats

BASE = sys.argv[1].rstrip('/') + '/api/v1'
RAW = sys.argv[2]
Z = stats.norm.ppf(0.975)
RESULTS = []  # (area, figure, api, mine, equal)


def get(path, **params):
    q = []
    for k, v in params.items():
        for x in (v if isinstance(v, list) else [v]):
            q.append((k, x))
    url = BASE + path + ('?' + urllib.parse.urlencode(q) if q else '')
    with urllib.request.urlopen(url) as r:
        body = r.read()
        return json.loads(body) if 'json' in r.headers.get('Content-Type', '') else body


def check(area, figure, api, mine, decimals=None, sig=None, tol=None):
    """api as sent; mine unrounded. Equal when mine rounded as the API rounds equals api."""
    if api is None or mine is None or (isinstance(mine, float) and math.isnan(mine)):
        eq = (api is None) and (mine is None or (isinstance(mine, float) and math.isnan(mine)))
    elif tol is not None:
        eq = abs(api - mine) <= tol
    elif decimals is not None:
        eq = abs(api - mine) <= 0.5 * 10 ** -decimals + 1e-9
    elif sig is not None:
        eq = mine == 0 and api == 0 or (mine != 0 and abs(api - mine) <= 0.5 * 10 ** (math.floor(math.log10(abs(mine))) - sig + 1) * 1.0001)
    else:
        eq = api == mine
    RESULTS.append((area, figure, api, mine, eq))
    return eq


# ---------- raw data ----------
GROUPS = {
    'nps': lambda s: 'pos' if s >= 9 else 'mid' if s >= 7 else 'neg',
    'csat': lambda s: 'pos' if s >= 4 else 'mid' if s == 3 else 'neg',
    'ces': lambda s: 'pos' if s >= 5 else 'mid' if s == 4 else 'neg',
}


def load_raw():
    rows = []
    with open(RAW + '/womens.csv', newline='', encoding='utf-8') as f:
        r = csv.reader(f)
        h = next(r)
        for x in r:
            rows.append(dict(id=x[0], metric='csat', score=int(x[h.index('Rating')]),
                             at=dt.datetime.fromisoformat(x[h.index('submittedAt')].replace('Z', '+00:00')),
                             segments={k: v for k, v in (('division_name', x[h.index('Division Name')]),
                                                         ('department_name', x[h.index('Department Name')]),
                                                         ('class_name', x[h.index('Class Name')])) if v},
                             account=x[h.index('account')]))
    for name in ('yelp-nps.ndjson', 'amazon-ces.ndjson'):
        with open(RAW + '/' + name, encoding='utf-8') as f:
            for line in f:
                o = json.loads(line)
                rows.append(dict(id=o['id'], metric=o['metric'], score=o['score'],
                                 at=dt.datetime.fromisoformat(o['submittedAt'].replace('Z', '+00:00')),
                                 segments=o['segments'], account=None))
    return rows


# ---------- independent statistics ----------
def wilson(x, n):
    if n == 0:
        return None
    # statsmodels' proportion_confint(method='wilson') formula, written out
    p = x / n
    c = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    h = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / (1 + Z * Z / n)
    return max(0.0, c - h), min(1.0, c + h)


def summary(metric, scores):
    n = len(scores)
    g = Counter(GROUPS[metric](s) for s in scores)
    out = {'count': n}
    if metric == 'nps':
        out.update(promoters=g['pos'], passives=g['mid'], detractors=g['neg'])
        if n:
            v = np.array([1 if s >= 9 else -1 if s <= 6 else 0 for s in scores], float)
            nps = 100 * v.mean()
            # adjusted Wald (Rocks 2016): 3/4 of a promoter and of a detractor added, n + 3
            n2 = n + 3
            p2, d2 = (g['pos'] + 0.75) / n2, (g['neg'] + 0.75) / n2
            centre = 100 * (p2 - d2)
            se = 100 * math.sqrt((p2 + d2 - (p2 - d2) ** 2) / n2)
            low, high = max(-100, centre - Z * se), min(100, centre + Z * se)
            out.update(nps=nps, npsCi95=[min(nps, low), max(nps, high)])
    elif metric == 'csat':
        out.update(satisfied=g['pos'], neutral=g['mid'], dissatisfied=g['neg'])
        if n:
            w = wilson(g['pos'], n)
            out.update(csat=100 * g['pos'] / n, csatCi95=[100 * w[0], 100 * w[1]], mean=float(np.mean(scores)))
    else:
        out.update(easy=g['pos'], neutral=g['mid'], difficult=g['neg'])
        if n:
            a = np.array(scores, float)
            m = a.mean()
            ci = None
            if n > 1:
                h = Z * a.std(ddof=1) / math.sqrt(n)
                ci = [max(1, m - h), min(7, m + h)]
            w = wilson(g['pos'], n)
            out.update(ces=m, cesCi95=ci, percentEasy=100 * g['pos'] / n, percentEasyCi95=[100 * w[0], 100 * w[1]])
    return out


def check_summary(area, api, mine):
    for k, v in mine.items():
        a = api.get(k)
        if isinstance(v, list):
            if a is None:
                check(area, k, None, v)
            else:
                check(area, k + '[0]', a[0], v[0], decimals=2)
                check(area, k + '[1]', a[1], v[1], decimals=2)
        elif isinstance(v, float):
            check(area, k, a, v, decimals=2)
        else:
            check(area, k, a, v)


def utc(s):
    return dt.datetime.fromisoformat(s.replace('Z', '+00:00'))


def select(rows, metric=None, seg=None, frm=None, to=None, min_score=None, max_score=None, account=None):
    out = []
    for r in rows:
        if metric and r['metric'] != metric:
            continue
        if seg and any(r['segments'].get(k) != v for k, v in seg.items()):
            continue
        if frm and r['at'] < frm:
            continue
        if to and r['at'] > to:
            continue
        if min_score is not None and r['score'] < min_score:
            continue
        if max_score is not None and r['score'] > max_score:
            continue
        if account and r['account'] != account:
            continue
        out.append(r)
    return out


def day_bounds(frm, to):
    """The API's reading of dates: from = the day's first instant, to = its last (inclusive), UTC."""
    f = dt.datetime.fromisoformat(frm + 'T00:00:00+00:00') if frm else None
    t = dt.datetime.fromisoformat(to + 'T23:59:59.999+00:00') if to else None
    return f, t


def audit_metrics(rows):
    cases = [({}, {}), ({'metric': 'nps'}, {'metric': 'nps'}), ({'metric': 'csat'}, {'metric': 'csat'}),
             ({'metric': 'ces'}, {'metric': 'ces'})]
    for dep in sorted({r['segments'].get('department_name') for r in rows if r['metric'] == 'csat'} - {None}):
        cases.append(({'segment.department_name': dep}, {'seg': {'department_name': dep}}))
    for reg in ('EU', 'US', 'APAC'):
        cases.append(({'segment.region': reg, 'metric': 'nps'}, {'seg': {'region': reg}, 'metric': 'nps'}))
    for ch in ('web', 'app'):
        cases.append(({'segment.channel': ch}, {'seg': {'channel': ch}}))
    # rare classes: one or two responses
    classes = Counter(r['segments'].get('class_name') for r in rows if r['metric'] == 'csat')
    for c, n in sorted(classes.items(), key=lambda kv: kv[1])[:3]:
        if c:
            cases.append(({'segment.class_name': c}, {'seg': {'class_name': c}}))
    # months, by date (inclusive ends), and a month crossing the EU DST change of 29 March 2026
    for y, m in [(2025, 9), (2025, 10), (2025, 11), (2025, 12), (2026, 1), (2026, 2), (2026, 3), (2026, 4)]:
        last = (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)).isoformat()
        first = dt.date(y, m, 1).isoformat()
        f, t = day_bounds(first, last)
        cases.append(({'from': first, 'to': last}, {'frm': f, 'to': t}))
    # instants and offsets
    cases.append(({'from': '2026-03-29T00:30:00+01:00', 'to': '2026-03-29T03:30:00+02:00', 'metric': 'csat'},
                  {'frm': utc('2026-03-28T23:30:00Z'), 'to': utc('2026-03-29T01:30:00Z'), 'metric': 'csat'}))
    cases.append(({'from': '2026-03-08', 'to': '2026-03-08'}, dict(zip(('frm', 'to'), day_bounds('2026-03-08', '2026-03-08')))))
    # a period with no responses, all promoters, one response
    cases.append(({'from': '2027-01-01', 'to': '2027-01-31', 'metric': 'nps'},
                  dict(zip(('frm', 'to'), day_bounds('2027-01-01', '2027-01-31')), metric='nps')))
    cases.append(({'metric': 'nps', 'minScore': '9', 'segment.region': 'EU'},
                  {'metric': 'nps', 'min_score': 9, 'seg': {'region': 'EU'}}))
    one = sorted(r['at'] for r in rows if r['metric'] == 'nps')[0]
    iso = one.strftime('%Y-%m-%dT%H:%M:%SZ')
    cases.append(({'metric': 'nps', 'from': iso, 'to': iso}, {'metric': 'nps', 'frm': one, 'to': one}))
    for params, sel in cases:
        api = get('/metrics', **params)
        chosen = select(rows, **sel)
        by_metric = defaultdict(list)
        for r in chosen:
            by_metric[r['metric']].append(r['score'])
        label = 'metrics ' + '&'.join(f'{k}={v}' for k, v in params.items())
        listed = {m['metric']: m for m in api['metrics']}
        expected = [sel['metric']] if sel.get('metric') else [m for m in ('nps', 'csat', 'ces') if by_metric[m]]
        check(label, 'metrics listed', sorted(listed), sorted(expected))
        for m in expected:
            if m in listed:
                check_summary(label + ' ' + m, listed[m], summary(m, by_metric[m]))
        if expected:
            top = max(expected, key=lambda m: (len(by_metric[m]), -['nps', 'csat', 'ces'].index(m)))
            check(label, 'top-level metric', api['metric'], top)
            check(label, 'top-level count', api['count'], len(by_metric[top]))


def newcombe(x1, n1, x2, n2):
    """Newcombe (1998) method 10, from the two Wilson intervals, written from the paper."""
    if n1 == 0 or n2 == 0:
        return None
    p1, p2 = x1 / n1, x2 / n2
    l1, u1 = wilson(x1, n1)
    l2, u2 = wilson(x2, n2)
    d = p1 - p2
    return d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)


def two_prop_p(x1, n1, x2, n2):
    if n1 == 0 or n2 == 0:
        return None, None
    table = np.array([[x1, n1 - x1], [x2, n2 - x2]])
    expected = stats.contingency.expected_freq(table) if table.sum(axis=0).all() else np.zeros((2, 2))
    if expected.min() < 5:
        return stats.fisher_exact(table).pvalue, 'fisher'
    return stats.chi2_contingency(table, correction=False).pvalue, 'z'


def score_of(metric, scores):
    if not scores:
        return float('nan')
    if metric == 'nps':
        return 100 * (sum(s >= 9 for s in scores) - sum(s <= 6 for s in scores)) / len(scores)
    if metric == 'csat':
        return 100 * sum(s >= 4 for s in scores) / len(scores)
    return sum(scores) / len(scores)


def fit_ridge_logit(X, y1, y0, ridge=1.0):
    """Newton on the penalised log-likelihood, intercept unpenalised. X: distinct theme patterns
    (no intercept column), y1 / y0: detractors and others with each pattern."""
    k = X.shape[1]
    A = np.hstack([np.ones((X.shape[0], 1)), X])
    n = y1 + y0
    b = np.zeros(k + 1)
    rate = (y1.sum() + 0.5) / (n.sum() + 1)
    b[0] = math.log(rate / (1 - rate))
    P = np.eye(k + 1) * ridge
    P[0, 0] = 0
    for _ in range(100):
        mu = 1 / (1 + np.exp(-(A @ b)))
        g = A.T @ (y1 - n * mu) - P @ b
        H = (A * (n * mu * (1 - mu))[:, None]).T @ A + P
        step = np.linalg.solve(H, g)
        b += step
        if np.abs(step).max() < 1e-10:
            break
    return b


def attributable(X, n, b):
    A = np.hstack([np.ones((X.shape[0], 1)), X])
    eta = A @ b
    mu = 1 / (1 + np.exp(-eta))
    out = np.zeros(X.shape[1])
    for t in range(X.shape[1]):
        m = X[:, t] == 1
        out[t] = (n[m] * (mu[m] - 1 / (1 + np.exp(-(eta[m] - b[t + 1]))))).sum()
    return out


def patterns(Xfull, y):
    """Distinct rows of Xfull with their detractor and other counts."""
    keys, inv = np.unique(Xfull, axis=0, return_inverse=True)
    inv = inv.ravel()
    y1 = np.bincount(inv, weights=y, minlength=len(keys))
    y0 = np.bincount(inv, weights=1 - y, minlength=len(keys))
    return keys, y1, y0


def bootstrap_attr(X, y1, y0, reps=1000, seed=27):
    """Poisson bootstrap of responses (a response drawn Poisson(1) times; summed over a pattern's
    responses that is Poisson(count)), every replicate refitted to convergence; percentile 95%."""
    rng = np.random.default_rng(seed)
    draws_b, draws_a = [], []
    for _ in range(reps):
        r1, r0 = rng.poisson(y1).astype(float), rng.poisson(y0).astype(float)
        b = fit_ridge_logit(X, r1, r0)
        draws_b.append(b[1:])
        draws_a.append(attributable(X, r1 + r0, b))
    db, da = np.array(draws_b), np.array(draws_a)
    return (np.percentile(db, [2.5, 97.5], axis=0).T, np.percentile(da, [2.5, 97.5], axis=0).T)


THEME_SENTIMENT = {}  # (response id, theme id) -> the hit's sentiment of that theme


def linearised_attr(X, y1, y0, b):
    """The 95% interval the docs define for large tables: the normal limit of the linearised Poisson
    bootstrap. Each pattern's two counts move by independent Poisson deviations (variance: the
    count); to first order the fit moves by H^-1 dU (implicit function theorem on the penalised
    score U), and the attributable detractors by their gradient in the counts and in beta."""
    A = np.hstack([np.ones((X.shape[0], 1)), X])
    n = y1 + y0
    eta = A @ b
    mu = 1 / (1 + np.exp(-eta))
    P = np.eye(len(b))
    P[0, 0] = 0
    H = (A * (n * mu * (1 - mu))[:, None]).T @ A + P
    Hinv = np.linalg.inv(H)
    lo, hi = [], []
    for t in range(X.shape[1]):
        m = X[:, t]
        mt = 1 / (1 + np.exp(-(eta - b[t + 1])))
        d = m * (mu - mt)                      # dA_t / d count, either count
        J = (A * (m * n * mu * (1 - mu))[:, None]).sum(0) - (A * (m * n * mt * (1 - mt))[:, None]).sum(0)
        J[t + 1] += (m * n * mt * (1 - mt)).sum()  # dA_t / d beta
        v = Hinv @ J
        g1 = d + (A @ v) * (1 - mu)            # dU/dc1 = x (1 - mu)
        g0 = d - (A @ v) * mu                  # dU/dc0 = -x mu
        sd = math.sqrt((y1 * g1 ** 2 + y0 * g0 ** 2).sum())
        a = (n * d).sum()
        lo.append(a - Z * sd)
        hi.append(a + Z * sd)
    return np.array([lo, hi]).T


def fetch_response_themes():
    """Every response's theme ids as GET /search's hits give them (all pages)."""
    themes, cursor = {}, None
    while True:
        params = {'limit': '200', 'sort': 'oldest'}
        if cursor:
            params['cursor'] = cursor
        page = get('/search', **params)
        for h in page['hits']:
            themes[h['id']] = {t['id'] for t in h['themes']}
            for t in h['themes']:
                THEME_SENTIMENT[h['id'], t['id']] = t['sentiment']
        cursor = page.get('nextCursor')
        if not cursor or not page['hits']:
            return themes


def bh(ps):
    return stats.false_discovery_control(np.array(ps, float), method='bh') if ps else np.array([])


def audit_themes(rows, rthemes, catalog, params, sel, label, bootstrap=True):
    api = get('/themes', limit='1000', **params)
    metric = api['metric']
    min_m = int(params.get('minMentions', 30))
    chosen = [r for r in select(rows, **sel) if r['metric'] == metric]
    n = len(chosen)
    neg = [GROUPS[metric](r['score']) == 'neg' for r in chosen]
    D = sum(neg)
    check(label, 'count', api['count'], n)
    check(label, 'detractors', api['detractors'], D)
    check(label, 'score', api['score'], score_of(metric, [r['score'] for r in chosen]), decimals=2)
    ids = [t['id'] for t in api['themes']]
    check(label, 'themes listed = catalog', sorted(ids), sorted(catalog))
    mentions = {t: [i for i, r in enumerate(chosen) if t in rthemes.get(r['id'], ())] for t in ids}
    rows_by = {t['id']: t for t in api['themes']}
    ranked = [t for t in ids if len(mentions[t]) >= min_m]
    pvals = {}
    for t in ids:
        a = rows_by[t]
        m = mentions[t]
        k = len(m)
        d1 = sum(neg[i] for i in m)
        d0 = D - d1
        n0 = n - k
        check(label, f'{t} mentions', a['mentions'], k)
        check(label, f'{t} ranked', a['ranked'], k >= min_m)
        check(label, f'{t} share', a['share'], k / n if n else None, decimals=4)
        check(label, f'{t} detractors', a['detractors'], d1)
        check(label, f'{t} detractorRate', a['detractorRate'], d1 / k if k else None, decimals=4)
        check(label, f'{t} detractorRateWithout', a['detractorRateWithout'], d0 / n0 if n0 else None, decimals=4)
        ci = newcombe(d1, k, d0, n0)
        diff = a['difference']
        if ci is None:
            check(label, f'{t} difference.ci95', diff['ci95'] if diff else None, None)
        else:
            check(label, f'{t} difference.value', diff['value'], d1 / k - d0 / n0, decimals=4)
            check(label, f'{t} difference.ci95[0]', diff['ci95'][0], ci[0], decimals=4)
            check(label, f'{t} difference.ci95[1]', diff['ci95'][1], ci[1], decimals=4)
        p, test = two_prop_p(d1, k, d0, n0)
        pvals[t] = p
        check(label, f'{t} pValue', a['pValue'], p, sig=3)
        check(label, f'{t} test', a['test'], test)
        impact_field = {'nps': 'npsImpact', 'csat': 'csatImpact', 'ces': 'cesImpact'}[metric]
        sc_all = score_of(metric, [r['score'] for r in chosen])
        without = [r['score'] for i, r in enumerate(chosen) if t not in rthemes.get(r['id'], ())]
        check(label, f'{t} {impact_field}', a[impact_field], sc_all - score_of(metric, without) if k else None, decimals=3)
        s = a.get('sentiment')
        if s is not None:
            # each mention's sentiment as the hits give it (one per response and theme)
            mix = Counter(THEME_SENTIMENT.get((chosen[i]['id'], t)) for i in m)
            check(label, f'{t} sentiment = the hits\' mix', [s['positive'], s['neutral'], s['negative']],
                  [mix['positive'], mix['neutral'], mix['negative']])
    q = dict(zip(ranked, bh([pvals[t] for t in ranked])))
    for t in ids:
        check(label, f'{t} qValue', rows_by[t]['qValue'], q.get(t), sig=3)
    # the adjusted model: top-level themes together, sub-themes standing in for their theme
    y = np.array(neg, float)
    parent = {t: catalog[t]['parentId'] for t in ids}
    subs = [t for t in ranked if parent[t] in ranked]
    parents_of_subs = {parent[t] for t in subs}
    issues = [t for t in ranked if t not in subs]
    narrow = [t for t in ranked if t not in parents_of_subs]
    mine_attr, mine_coef, mine_ci = {}, {}, {}
    for group, keep in ((issues, issues), (narrow, subs)):
        if not group or not keep:
            continue
        X = np.zeros((n, len(group)))
        for j, t in enumerate(group):
            X[mentions[t], j] = 1
        Xp, y1, y0 = patterns(X, y)
        if D == 0 or D == n:
            b = np.zeros(len(group) + 1)
        else:
            b = fit_ridge_logit(Xp, y1, y0)
        att = attributable(Xp, y1 + y0, b)
        if not bootstrap or not 0 < D < n:
            cis = None
        elif 'linearised' in api['methods']['attributableDetractors']:
            cis = (None, linearised_attr(Xp, y1, y0, b))
        else:
            cis = bootstrap_attr(Xp, y1, y0)
        for j, t in enumerate(group):
            if t in keep:
                mine_coef[t], mine_attr[t] = b[j + 1], att[j]
                if cis is not None:
                    mine_ci[t] = (None if cis[0] is None else cis[0][j], cis[1][j])
    for t in ids:
        a = rows_by[t]
        if t not in ranked:
            check(label, f'{t} attributable (unranked: null)', a['attributableDetractors'], None)
            continue
        check(label, f'{t} adjusted.coefficient', a['adjusted']['coefficient'], mine_coef[t], decimals=3)
        check(label, f'{t} attributableDetractors', a['attributableDetractors']['value'], mine_attr[t], decimals=1)
        if t in mine_ci and 'linearised' in api['methods']['attributableDetractors']:
            al, ah = mine_ci[t][1]
            api_ci = a['attributableDetractors']['ci95']
            check(label, f'{t} attributableDetractors.ci95[0] (linearised)', api_ci[0], al, decimals=1)
            check(label, f'{t} attributableDetractors.ci95[1] (linearised)', api_ci[1], ah, decimals=1)
        elif t in mine_ci:
            (cl, ch), (al, ah) = mine_ci[t]
            api_ci = a['attributableDetractors']['ci95']
            width = max(ah - al, 0.5)
            # my 1,000 refitted replicates against the API's 200 (or its linearised limit): the ends
            # agree within 15% of the width, three standard errors of a 200-draw 2.5% quantile
            check(label, f'{t} attributableDetractors.ci95[0] (±15% width)', api_ci[0], al, tol=0.15 * width + 0.05)
            check(label, f'{t} attributableDetractors.ci95[1] (±15% width)', api_ci[1], ah, tol=0.15 * width + 0.05)
    # order: ranked by attributable (desc), then mentions, then id; unranked after, by mentions
    api_ranked = [t for t in ids if rows_by[t]['ranked']]
    key = lambda t: (-round(mine_attr[t], 6), -len(mentions[t]), t)
    check(label, 'ranked order by attributable', api_ranked, sorted(api_ranked, key=key))
    api_unranked = [t for t in ids if not rows_by[t]['ranked']]
    check(label, 'unranked order by mentions', api_unranked, sorted(api_unranked, key=lambda t: (-len(mentions[t]), t)))
    check(label, 'ranks 1..n', [rows_by[t].get('rank') for t in api_ranked], list(range(1, len(api_ranked) + 1)))
    return api, chosen, mentions


def period_start(d, interval):
    return d - dt.timedelta(days=d.weekday()) if interval == 'week' else d.replace(day=1)


def next_start(d, interval):
    if interval == 'week':
        return d + dt.timedelta(days=7)
    return dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)


def audit_trends(rows, rthemes, params, sel, label, min_responses=30):
    api = get('/trends', **params)
    metric = api['metric']
    interval = params.get('interval', 'week')
    chosen = [r for r in select(rows, **sel) if r['metric'] == metric]
    if not chosen:
        check(label, 'periods (none)', api['periods'], [])
        return api
    days = [r['at'].astimezone(dt.timezone.utc).date() for r in chosen]
    starts = []
    s = period_start(min(days), interval)
    while s <= max(days):
        starts.append(s)
        s = next_start(s, interval)
    check(label, 'period starts', [p['start'] for p in api['periods']], [x.isoformat() for x in starts])
    check(label, 'period ends', [p['end'] for p in api['periods']], [next_start(x, interval).isoformat() for x in starts])
    labels = [x.strftime('%Y-%m') if interval == 'month' else '%d-W%02d' % x.isocalendar()[:2] for x in starts]
    check(label, 'period labels', [p['period'] for p in api['periods']], labels)
    per = defaultdict(list)
    for r, d in zip(chosen, days):
        per[period_start(d, interval)].append(r)
    all_themes = sorted({t for r in chosen for t in rthemes.get(r['id'], ())})
    for p, s in zip(api['periods'], starts):
        rs = per[s]
        sc = [r['score'] for r in rs]
        negs = [GROUPS[metric](x) == 'neg' for x in sc]
        check(label, f"{p['period']} responses", p['responses'], len(rs))
        check(label, f"{p['period']} score", p['score'], score_of(metric, sc) if rs else None, decimals=3)
        check(label, f"{p['period']} detractors", p['detractors'], sum(negs))
        check(label, f"{p['period']} detractorRate", p['detractorRate'], sum(negs) / len(rs) if rs else None, decimals=4)
        check(label, f"{p['period']} lowVolume", p['lowVolume'], len(rs) < min_responses)
        mine = {}
        for t in all_themes:
            m = [r for r in rs if t in rthemes.get(r['id'], ())]
            if m:
                mine[t] = (len(m), len(m) / len(rs), sum(GROUPS[metric](r['score']) == 'neg' for r in m) / len(m))
        got = {x['id']: x for x in p['themes']}
        check(label, f"{p['period']} themes present", sorted(got), sorted(mine))
        for t, (k, sh, dr) in mine.items():
            if t in got:
                check(label, f"{p['period']} {t} mentions", got[t]['mentions'], k)
                check(label, f"{p['period']} {t} share", got[t]['share'], sh, decimals=4)
                check(label, f"{p['period']} {t} detractorRate", got[t]['detractorRate'], dr, decimals=4)
    # the last two periods with enough responses
    enough = [s for s in starts if len(per[s]) >= min_responses]
    if len(enough) < 2:
        check(label, 'compared (none)', api['compared'], [])
        return api
    prev, cur = enough[-2], enough[-1]
    lab = dict(zip(starts, labels))
    check(label, 'compared', api['compared'], [lab[prev], lab[cur]])
    P, C = per[prev], per[cur]
    tested, sp, ip, nums = [], [], [], []
    for t in all_themes:
        wc = [r for r in C if t in rthemes.get(r['id'], ())]
        wp = [r for r in P if t in rthemes.get(r['id'], ())]
        if not wc and not wp:
            continue
        tested.append(t)
        sp.append(two_prop_p(len(wc), len(C), len(wp), len(P))[0])
        isneg = lambda r: GROUPS[metric](r['score']) == 'neg'
        oc = [r for r in C if t not in rthemes.get(r['id'], ())]
        op = [r for r in P if t not in rthemes.get(r['id'], ())]
        rate = lambda g: sum(map(isneg, g)) / len(g) if g else float('nan')
        var = lambda g: rate(g) * (1 - rate(g)) / len(g) if g else float('nan')
        dcur, dprev = rate(wc) - rate(oc), rate(wp) - rate(op)
        v = var(wc) + var(oc) + var(wp) + var(op)
        ip.append(2 * stats.norm.sf(abs((dcur - dprev) / math.sqrt(v))) if v == v and v > 0 else float('nan'))
        nums.append((dprev, dcur))
    sq = bh(sp)
    ok = [i for i, p in enumerate(ip) if p == p]
    iq = [float('nan')] * len(ip)
    for i, q in zip(ok, bh([ip[i] for i in ok])):
        iq[i] = q
    emerging = sorted([(sp[i], t) for i, t in enumerate(tested)
                       if sq[i] < 0.05 and len([r for r in C if t in rthemes.get(r['id'], ())]) / len(C)
                       > len([r for r in P if t in rthemes.get(r['id'], ())]) / len(P)])
    check(label, 'emerging ids', [e['id'] for e in api['emerging']], [t for _, t in emerging])
    idx = {t: i for i, t in enumerate(tested)}
    for e in api['emerging']:
        i = idx.get(e['id'])
        if i is not None:
            check(label, f"emerging {e['id']} pValue", e['pValue'], sp[i], sig=3)
            check(label, f"emerging {e['id']} qValue", e['qValue'], sq[i], sig=3)
    growing = sorted([(ip[i], t) for i, t in enumerate(tested) if iq[i] == iq[i] and iq[i] < 0.05 and nums[i][1] > nums[i][0]])
    check(label, 'impactGrowing ids', [g['id'] for g in api['impactGrowing']], [t for _, t in growing])
    return api


def audit_search_facets(rows, rthemes, label, params):
    api = get('/search', limit='0', **params)
    tot = api['total']
    for name, counts in api['facets'].items():
        if name in ('category', 'sentiment', 'language'):
            check(label, f'facet {name} sums to total', sum(counts.values()), tot)
    return api


def headline(metric, scores):
    m = summary(metric, scores)
    return {'nps': m.get('nps'), 'csat': m.get('csat'), 'ces': m.get('ces')}[metric], \
        {'nps': m.get('npsCi95'), 'csat': m.get('csatCi95'), 'ces': m.get('cesCi95')}[metric]


def audit_accounts(rows, params, sel, label, period_days=90):
    api = get('/accounts', limit='500', **params)
    metric = api['metric']
    chosen = [r for r in select(rows, **sel) if r['metric'] == metric and r['account']]
    as_of = utc(api['periods']['current'][1])
    cur_from = as_of - dt.timedelta(days=period_days)
    prev_from = cur_from - dt.timedelta(days=period_days)
    check(label, 'periods.current[0]', utc(api['periods']['current'][0]), cur_from)
    by = defaultdict(list)
    for r in chosen:
        by[r['account']].append(r)
    check(label, 'total', api['total'], len(by))
    mine = {}
    for a, rs in by.items():
        sc = [r['score'] for r in rs]
        v, ci = headline(metric, sc)
        cur = [r['score'] for r in rs if cur_from < r['at'] <= as_of]
        prev = [r['score'] for r in rs if prev_from < r['at'] <= cur_from]
        cv = headline(metric, cur)[0] if cur else None
        pv = headline(metric, prev)[0] if prev else None
        last = max(rs, key=lambda r: r['at'])
        mine[a] = dict(responses=len(rs), value=v, ci=ci, cur=cv, prev=pv, change=None if cv is None or pv is None else cv - pv,
                       share=sum(GROUPS[metric](x) == 'neg' for x in sc) / len(sc), last=last)
    for x in api['accounts']:
        m = mine.get(x['account'])
        if m is None:
            check(label, x['account'] + ' exists', True, False)
            continue
        a = x['account']
        check(label, a + ' responses', x['responses'], m['responses'])
        check(label, a + ' value', x['value'], m['value'], decimals=2)
        if m['ci']:
            check(label, a + ' ci95[0]', x['ci95'][0], m['ci'][0], decimals=2)
            check(label, a + ' ci95[1]', x['ci95'][1], m['ci'][1], decimals=2)
        cur_api = x['current'] and x['current'][metric]
        prev_api = x['previous'] and x['previous'][metric]
        check(label, a + ' current', cur_api, m['cur'], decimals=2)
        check(label, a + ' previous', prev_api, m['prev'], decimals=2)
        check(label, a + ' change', x['change'], m['change'], decimals=2)
        check(label, a + ' detractorShare', x['detractorShare'], m['share'], decimals=3)
        check(label, a + ' lastResponse.submittedAt', utc(x['lastResponse']['submittedAt']), m['last']['at'])
    order = sorted(mine, key=lambda a: (round(mine[a]['value'], 2), -mine[a]['share'], a))
    check(label, 'order (risk)', [x['account'] for x in api['accounts']], order)
    return api


def audit_report(rows, params, label):
    """The review's figures equal the API's for the same filter and periods, and my own."""
    rep = get('/reports/review', format='json', compareTo='previous', **params)
    metric = rep['metric']
    cur, cmp_ = rep['period'], rep['comparison']
    base = {k: v for k, v in params.items() if k not in ('from', 'to', 'metric', 'minMentions')}
    groups = {'nps': ('promoters', 'passives', 'detractors'), 'csat': ('satisfied', 'neutral', 'dissatisfied'),
              'ces': ('easy', 'neutral', 'difficult')}[metric]
    value_key = {'nps': 'nps', 'csat': 'csat', 'ces': 'ces'}[metric]
    for name, window, head in (('headline', cur, rep['headline']), ('comparisonHeadline', cmp_, rep['comparisonHeadline'])):
        m = get('/metrics', metric=metric, **{'from': window['from'], 'to': window['to']}, **base)
        check(label, name + '.value = /metrics', head['value'], m[value_key])
        check(label, name + '.ci95 = /metrics', head['ci95'], m[value_key + 'Ci95'])
        check(label, name + '.responses = /metrics', head['responses'], m['count'])
        check(label, name + '.groups = /metrics', [head['promoters'], head['passives'], head['detractors']],
              [m[g] for g in groups])
        if m['count']:
            check(label, name + '.detractorPercent', head['detractorPercent'], 100 * m[groups[2]] / m['count'], decimals=1)
    # the change, recomputed
    f1, t1 = day_bounds(cur['from'], cur['to'])
    f0, t0 = day_bounds(cmp_['from'], cmp_['to'])
    seg = {k[len('segment.'):]: v for k, v in base.items() if k.startswith('segment.')}
    c = [r['score'] for r in select(rows, metric=metric, seg=seg or None, frm=f1, to=t1)]
    p = [r['score'] for r in select(rows, metric=metric, seg=seg or None, frm=f0, to=t0)]
    ch = rep['change']
    if metric == 'csat':
        x1, x0 = sum(s >= 4 for s in c), sum(s >= 4 for s in p)
        diff = 100 * (x1 / len(c) - x0 / len(p))
        ci = newcombe(x1, len(c), x0, len(p))
        pv, test = two_prop_p(x1, len(c), x0, len(p))
        check(label, 'change.value', ch['value'], diff, decimals=2)
        check(label, 'change.ci95[0]', ch['ci95'][0], 100 * ci[0], decimals=2)
        check(label, 'change.ci95[1]', ch['ci95'][1], 100 * ci[1], decimals=2)
        check(label, 'change.pValue', ch['pValue'], pv, sig=3)
        check(label, 'change.test', ch['test'], 'two-proportion-z' if test == 'z' else 'fisher')
    elif metric == 'nps':
        v1 = np.array([1 if s >= 9 else -1 if s <= 6 else 0 for s in c], float)
        v0 = np.array([1 if s >= 9 else -1 if s <= 6 else 0 for s in p], float)
        diff = 100 * (v1.mean() - v0.mean())
        se = 100 * math.sqrt(v1.var() / len(v1) + v0.var() / len(v0))
        check(label, 'change.value', ch['value'], diff, decimals=2)
        check(label, 'change.ci95[0]', ch['ci95'][0], diff - Z * se, decimals=2)
        check(label, 'change.ci95[1]', ch['ci95'][1], diff + Z * se, decimals=2)
        check(label, 'change.pValue', ch['pValue'], 2 * stats.norm.sf(abs(diff / se)), sig=3)
    else:
        v1, v0 = np.array(c, float), np.array(p, float)
        diff = v1.mean() - v0.mean()
        se = math.sqrt(v1.var(ddof=1) / len(v1) + v0.var(ddof=1) / len(v0))
        check(label, 'change.value', ch['value'], diff, decimals=2)
        check(label, 'change.ci95[0]', ch['ci95'][0], diff - Z * se, decimals=2)
        check(label, 'change.ci95[1]', ch['ci95'][1], diff + Z * se, decimals=2)
        check(label, 'change.pValue', ch['pValue'], 2 * stats.norm.sf(abs(diff / se)), sig=3)
    # the chart's points = GET /trends over both periods
    tr = get('/trends', interval=rep['trend']['interval'], metric=metric, **{'from': cmp_['from'], 'to': cur['to']}, **base)
    check(label, 'trend points = /trends (period, start, responses)',
          [(x['period'], x['start'], x['responses']) for x in rep['trend']['points']],
          [(x['period'], x['start'], x['responses']) for x in tr['periods']])
    for x, y in zip(rep['trend']['points'], tr['periods']):
        check(label, f"trend {x['period']} score", x['score'], y['score'], decimals=2)
    # pain points = GET /themes over the period
    th = get('/themes', metric=metric, limit='1000', minMentions=str(params.get('minMentions', 30)),
             **{'from': cur['from'], 'to': cur['to']}, **base)
    pain = [t for t in th['themes'] if t['ranked'] and t['attributableDetractors']['value'] > 0][:5]
    check(label, 'painPoints ids = /themes top with attributable > 0', [x['id'] for x in rep['painPoints']], [t['id'] for t in pain])
    for x, t in zip(rep['painPoints'], pain):
        check(label, f"pain {x['id']} mentions", x['mentions'], t['mentions'])
        check(label, f"pain {x['id']} sharePercent", x['sharePercent'], 100 * t['share'], decimals=1)
        check(label, f"pain {x['id']} detractorPercent", x['detractorPercent'], 100 * t['detractorRate'], decimals=1)
        check(label, f"pain {x['id']} attributable", x['attributableDetractors']['value'], t['attributableDetractors']['value'], decimals=1)
        check(label, f"pain {x['id']} attributable ci95", x['attributableDetractors']['ci95'], t['attributableDetractors']['ci95'])
        check(label, f"pain {x['id']} rank", x['rank'], t['rank'])
    return rep


def audit_targets(rows, frm, to, label):
    """Each target's progress over a period: the metric of its filter, the distance to its goal."""
    api = get('/targets', **{'from': frm, 'to': to})
    f, t = day_bounds(frm, to)
    for x in api['targets']:
        seg = {k[len('segment.'):]: v for k, v in x['when'].items() if k.startswith('segment.')}
        sc = [r['score'] for r in select(rows, metric=x['metric'], seg=seg or None, frm=f, to=t)]
        v, ci = headline(x['metric'], sc)
        p = x['progress']
        check(label, x['id'] + ' responses', p['responses'], len(sc))
        check(label, x['id'] + ' value', p['value'], v, decimals=2)
        check(label, x['id'] + ' ci95[0]', p['ci95'][0], ci[0], decimals=2)
        check(label, x['id'] + ' ci95[1]', p['ci95'][1], ci[1], decimals=2)
        check(label, x['id'] + ' distance', p['distance']['value'], v - x['goal'], decimals=2)
        check(label, x['id'] + ' distance.ci95', p['distance']['ci95'], [round(round(ci[0], 2) - x['goal'], 2), round(round(ci[1], 2) - x['goal'], 2)])
        lo, hi = round(ci[0], 2), round(ci[1], 2)
        check(label, x['id'] + ' status', p['status'], 'above' if lo > x['goal'] else 'below' if hi < x['goal'] else 'within')
    return api


def audit_drop(base, raw_file):
    """A metric_drop rule's last evaluation recomputed from the responses it read."""
    global BASE
    BASE = base.rstrip('/') + '/api/v1'
    ev = get('/alert-rules')['rules'][0]['lastEvaluation']
    p = lambda s: dt.datetime.fromisoformat(s[:26].rstrip('Z') + '+00:00')
    rows = [json.loads(l) for l in open(raw_file)]
    wf, wt, bf = p(ev['window']['from']), p(ev['window']['to']), p(ev['baseline']['from'])
    v = lambda s: 100 if s >= 9 else -100 if s <= 6 else 0
    W = np.array([v(r['score']) for r in rows if wf < p(r['submittedAt']) <= wt], float)
    B = np.array([v(r['score']) for r in rows if bf <= p(r['submittedAt']) <= wf], float)
    z = (W.mean() - B.mean()) / math.sqrt(W.var(ddof=1) / len(W) + B.var(ddof=1) / len(B))
    check('alert drop', 'window.responses', ev['window']['responses'], len(W))
    check('alert drop', 'window.value', ev['window']['value'], W.mean(), decimals=3)
    check('alert drop', 'baseline.responses', ev['baseline']['responses'], len(B))
    check('alert drop', 'baseline.value', ev['baseline']['value'], B.mean(), decimals=3)
    check('alert drop', 'drop', ev['drop'], B.mean() - W.mean(), decimals=3)
    check('alert drop', 'pValue', ev['pValue'], stats.norm.cdf(z), sig=6)


def fetch_raw(path, **params):
    url = BASE + path + '?' + urllib.parse.urlencode(params)
    with urllib.request.urlopen(url) as r:
        return r.read()


def audit_report_documents(params, label):
    """Every figure of the review's JSON printed, by ReportNumbers' rule, in its HTML and its PDF
    (read back with PDFBox through PdfText.java when EARFUL_CLASSPATH names the project's classpath)."""
    import html as htmllib, os, re, subprocess, tempfile
    q = dict(params, compareTo='previous')
    j = json.loads(fetch_raw('/reports/review', format='json', **q))
    norm = lambda s: re.sub(r'\s+', ' ', s.replace('\u2212', '-'))
    h = norm(htmllib.unescape(re.sub(r'<[^>]+>', ' ', fetch_raw('/reports/review', format='html', **q).decode())))
    pdf = None
    cp = os.environ.get('EARFUL_CLASSPATH')
    if cp:
        with tempfile.NamedTemporaryFile(suffix='.pdf') as f:
            f.write(fetch_raw('/reports/review', format='pdf', **q))
            f.flush()
            java = os.environ.get('JAVA', 'java')
            here = os.path.dirname(os.path.abspath(__file__))
            pdf = norm(subprocess.run([java, '-cp', cp, here + '/PdfText.java', f.name], capture_output=True, text=True).stdout)
    f2 = lambda v: f'{v:.2f}'
    figs, table = [], []  # (text in both) and (text of the PDF's sentences, the HTML's table cells)
    for k in ('headline', 'comparisonHeadline'):
        x = j[k]
        figs += [f2(x['value']), f2(x['ci95'][0]), f2(x['ci95'][1]), f"{x['responses']:,}", f"{x['promoters']:,}",
                 f"{x['passives']:,}", f"{x['detractors']:,}", f"{x['detractorPercent']:.1f}%"]
    c = j['change']
    if c and c['value'] is not None:
        figs += [('+' if c['value'] > 0 else '') + f2(c['value']), f2(c['ci95'][0]), f2(c['ci95'][1]), f"p = {c['pValue']:.3g}"]
    for t in j['targets']:
        figs += [f"goal {t['goal']:.2f}", f2(t['value']), f2(t['distance']), f2(t['ci95'][0]), f2(t['ci95'][1])]
    for p in j['painPoints']:
        a = p['attributableDetractors']
        figs.append(f"{a['value']:.1f} [{a['ci95'][0]:.1f}, {a['ci95'][1]:.1f}]")
        table.append((f"{p['mentions']:,} mentions ({p['sharePercent']:.1f}% of responses), detractor rate {p['detractorPercent']:.1f}%",
                      (p['name'] + (f" (in {p['parentName']})" if p.get('parentName') else ''))
                      + f" {p['mentions']:,} {p['sharePercent']:.1f} {p['detractorPercent']:.1f}"))
    for a in j['risks']['accountsAtRisk']:
        figs += [f"{a['account']}: health {a['health']:.1f} (risk {a['risk']:.3f})", f"level {a['level']['value']:.2f} (risk {a['level']['risk']:.3f})",
                 f"trend {a['trend']['value']:.2f} (risk {a['trend']['risk']:.3f})"]
    for x in figs:
        check(label, 'html prints ' + x, x in h, True)
        if pdf is not None:
            check(label, 'pdf prints ' + x, x in pdf, True)
    for in_pdf, in_html in table:
        check(label, 'html prints ' + in_html, in_html in h, True)
        if pdf is not None:
            check(label, 'pdf prints ' + in_pdf, in_pdf in pdf, True)


def audit_theme_detail(rows, rthemes, params, sel, label, ids):
    """GET /themes/{id}: its numbers are its row of GET /themes, its trend the theme's points of
    GET /trends (zero where it has none), its examples mention it and sit in the filter."""
    ranking = {t['id']: t for t in get('/themes', limit='1000', **params)['themes']}
    trends = get('/trends', **params)
    chosen = {r['id'] for r in select(rows, **sel)}
    for t in ids:
        d = get('/themes/' + t, **params)
        row = dict(ranking[t])
        nums = dict(d['numbers'])
        for x in (row, nums):
            x.pop('examples', None)
            x.pop('parentId', None)
            x.pop('parentName', None)
        check(label, t + ' numbers = its row of /themes', nums, row)
        want = []
        for p in trends['periods']:
            pt = next((x for x in p['themes'] if x['id'] == t), None)
            want.append((p['period'], p['responses'], pt['mentions'] if pt else 0, pt['share'] if pt else 0.0,
                         pt['detractorRate'] if pt else None))
        got = [(p['period'], p['responses'], p['mentions'], p['share'], p['detractorRate']) for p in d['trend']]
        check(label, t + ' trend = its points of /trends', got, want)
        for e in d['examples']:
            check(label, t + ' example ' + e['id'] + ' mentions it, in the filter',
                  t in rthemes.get(e['id'], ()) and e['id'] in chosen, True)


def main():
    rows = load_raw()
    print(f'{len(rows)} raw responses', file=sys.stderr)
    audit_metrics(rows)
    rthemes = fetch_response_themes()
    check('search', 'every response listed once', len(rthemes), len(rows))
    catalog = {t['id']: t for t in get('/themes', limit='1000', minMentions='1')['themes']}
    # the theme filter returns the responses whose hits name the theme
    for t in catalog:
        for metric in ('csat', 'nps', 'ces'):
            tot = get('/search', limit='0', theme=t, metric=metric)['total']
            mine = sum(1 for r in rows if r['metric'] == metric and t in rthemes.get(r['id'], ()))
            check('search theme filter', f'{t} {metric} total', tot, mine)
    audit_search_facets(rows, rthemes, 'search facets', {})
    audit_search_facets(rows, rthemes, 'search facets csat', {'metric': 'csat'})
    cases = [({}, {}, 'themes'),
             ({'segment.department_name': 'Tops'}, {'seg': {'department_name': 'Tops'}}, 'themes Tops'),
             ({'from': '2026-03-01', 'to': '2026-03-31'}, dict(zip(('frm', 'to'), day_bounds('2026-03-01', '2026-03-31'))), 'themes March'),
             ({'metric': 'nps'}, {'metric': 'nps'}, 'themes nps'),
             ({'metric': 'ces', 'minMentions': '5'}, {'metric': 'ces'}, 'themes ces minMentions=5'),
             ({'segment.class_name': 'Trend', 'minMentions': '10'}, {'seg': {'class_name': 'Trend'}}, 'themes Trend minMentions=10')]
    for params, sel, label in cases:
        audit_themes(rows, rthemes, catalog, params, sel, label)
    top = [t['id'] for t in get('/themes', limit='8')['themes']]
    audit_theme_detail(rows, rthemes, {}, {}, 'theme detail', top)
    audit_theme_detail(rows, rthemes, {'segment.department_name': 'Tops'}, {'seg': {'department_name': 'Tops'}}, 'theme detail Tops', top)
    for params, sel, label in [({'interval': 'week'}, {}, 'trends week'), ({'interval': 'month'}, {}, 'trends month'),
                               ({'interval': 'week', 'metric': 'nps'}, {'metric': 'nps'}, 'trends week nps'),
                               ({'interval': 'month', 'metric': 'ces'}, {'metric': 'ces'}, 'trends month ces'),
                               ({'interval': 'week', 'segment.department_name': 'Jackets'}, {'seg': {'department_name': 'Jackets'}}, 'trends week Jackets')]:
        audit_trends(rows, rthemes, params, sel, label)
    audit_accounts(rows, {}, {}, 'accounts')
    audit_accounts(rows, {'metric': 'csat'}, {}, 'accounts csat')
    audit_accounts(rows, {'metric': 'csat', 'to': '2026-03-31'}, {'to': day_bounds(None, '2026-03-31')[1]}, 'accounts csat to=2026-03-31')
    audit_accounts(rows, {'metric': 'csat', 'to': '2026-03-31', 'segment.department_name': 'Tops'},
                   {'to': day_bounds(None, '2026-03-31')[1], 'seg': {'department_name': 'Tops'}}, 'accounts csat Tops')
    audit_report(rows, {'from': '2026-01-01', 'to': '2026-03-31'}, 'report Q1')
    audit_report(rows, {'from': '2026-03-01', 'to': '2026-03-31', 'metric': 'nps'}, 'report March nps')
    audit_report(rows, {'from': '2026-03-01', 'to': '2026-04-15', 'metric': 'ces'}, 'report ces')
    audit_report(rows, {'from': '2026-01-01', 'to': '2026-03-31', 'segment.department_name': 'Jackets', 'minMentions': '10'}, 'report Q1 Jackets')
    rep = audit_report(rows, {'from': '2026-01-01', 'to': '2026-03-31', 'segment.department_name': 'Tops'}, 'report Q1 Tops')
    for params in ({'from': '2026-01-01', 'to': '2026-03-31', 'segment.department_name': 'Tops'},
                   {'from': '2026-03-01', 'to': '2026-03-31', 'metric': 'nps'}, {'from': '2026-03-01', 'to': '2026-04-15', 'metric': 'ces'}):
        audit_report_documents(params, 'report documents ' + ' '.join(f'{k}={v}' for k, v in params.items()))
    tg = audit_targets(rows, '2026-01-01', '2026-03-31', 'targets Q1')
    audit_targets(rows, '2026-03-01', '2026-03-31', 'targets March')
    mine = [t for t in tg['targets'] if t['when'] == {'segment.department_name': 'Tops'} and t['metric'] == rep['metric']]
    check('report Q1 Tops', 'targets = GET /targets', [(x['id'], x['value'], x['distance'], x['ci95'], x['status']) for x in rep['targets']],
          [(x['id'], x['progress']['value'], x['progress']['distance']['value'], x['progress']['distance']['ci95'], x['progress']['status']) for x in mine])
    report()


def report():
    by_area = defaultdict(lambda: [0, 0])
    for area, fig, api, mine, eq in RESULTS:
        by_area[area.split(' ')[0]][0] += 1
        by_area[area.split(' ')[0]][1] += eq
    total = len(RESULTS)
    equal = sum(r[4] for r in RESULTS)
    print(f'{total} figures checked, {equal} equal, {total - equal} differ')
    for a, (n, e) in sorted(by_area.items()):
        print(f'  {a}: {n} checked, {e} equal')
    for area, fig, api, mine, eq in RESULTS:
        if not eq:
            print(f'DIFF {area} | {fig} | api={api!r} | mine={mine!r}')


if __name__ == '__main__':
    if len(sys.argv) > 3 and sys.argv[3] == '--drop':
        # recompute.py BASE RAW_DIR --drop BASE2 drop.ndjson: a second server holding only drop.ndjson
        audit_drop(sys.argv[4], sys.argv[5])
        BASE = sys.argv[1].rstrip('/') + '/api/v1'
    main()
