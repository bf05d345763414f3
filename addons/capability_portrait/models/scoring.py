"""Scoring a compiled scheme (portrait.scheme._compile) against prepared values: plain Python on
plain data, no ORM, so that a whole library is scored in memory and the rules read in one place
(value_sources.py prepares the values)."""
import math


def indicator_points(indicator, value):
    """Points of one indicator for a value already checked (None: no value, 0 points)."""
    kind = indicator['kind']
    if kind == 'better_of':
        first, second = value if isinstance(value, tuple) else (value, None)
        points = max(band_points(indicator['bands'], first), band_points(indicator['bands2'], second))
    elif value is None or value is False and kind != 'yes_no':
        points = 0.0
    elif kind == 'bands':
        points = band_points(indicator['bands'], value)
    elif kind == 'choice':
        points = indicator['choices'].get(value, 0.0)
    elif kind == 'yes_no':
        points = indicator['points_yes'] if value else indicator['points_no']
    elif kind == 'per_unit':
        units = math.floor(round(float(value) / indicator['unit_size'], 6)) if value > 0 else 0
        points = units * indicator['points_per_unit']
    else:  # manual: the value is the points
        points = float(value)
    return max(0.0, min(points, indicator['max_points']))


def band_points(bands, value):
    if value is None or isinstance(value, str):
        return 0.0
    value = round(float(value), 6)
    for lower, points in bands:
        if lower is None or value >= lower:
            return points
    return 0.0


def score_compiled(compiled, values):
    """Scores prepared values {code: value} (better of two: a pair) with a compiled scheme."""
    lines, total = [], 0.0
    dim_points = {d['id']: 0.0 for d in compiled['dimensions']}
    groups = {}
    direct = False
    threshold = compiled['weak_threshold'] / 100.0
    for indicator in compiled['indicators']:
        value = values.get(indicator['code'])
        points = indicator_points(indicator, value)
        scored = not indicator['is_condition'] and not indicator['is_direct_pass']
        met = points > 0
        if scored:
            total += points
            dim_points[indicator['dimension_id']] = dim_points.get(indicator['dimension_id'], 0.0) + points
        elif indicator['is_condition']:
            group = indicator['condition_group'] or indicator['code']
            groups[group] = groups.get(group, False) or met
        elif met:
            direct = True
        lines.append({
            'code': indicator['code'],
            'indicator_id': indicator['id'],
            'name': indicator['name'],
            'value': value,
            'points': points,
            'max_points': indicator['max_points'],
            'dimension_id': indicator['dimension_id'],
            'is_condition': indicator['is_condition'],
            'is_direct_pass': indicator['is_direct_pass'],
            'met': met,
            'weak': bool(scored and indicator['max_points'] and points < threshold * indicator['max_points']),
        })
    dimensions, details, dims_ok = {}, [], True
    for dimension in compiled['dimensions']:
        points = dim_points.get(dimension['id'], 0.0)
        ok = points >= dimension['min_points']
        dims_ok = dims_ok and ok
        dimensions[dimension['name']] = points
        details.append(dict(dimension, points=points, passed=ok))
    score_passed = total >= compiled['min_total'] and dims_ok
    conditions_met = all(groups.values())
    unmet = [line for line in lines if line['is_condition'] and not line['met']
             and not groups.get(group_of(compiled, line['code']))]
    return {
        'total': total,
        'max_total': sum(i['max_points'] for i in compiled['indicators']
                         if not i['is_condition'] and not i['is_direct_pass']),
        'min_total': compiled['min_total'],
        'score_passed': score_passed,
        'conditions_met': conditions_met,
        'direct_pass': direct,
        'passed': conditions_met and (score_passed or direct),
        'dimensions': dimensions,
        'dimension_details': details,
        'unmet_conditions': [line['code'] for line in unmet],
        'weak': [line['code'] for line in lines if line['weak']],
        'lines': lines,
    }


def group_of(compiled, code):
    for indicator in compiled['indicators']:
        if indicator['code'] == code:
            return indicator['condition_group'] or code
    return code
