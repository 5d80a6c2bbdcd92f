import { scatterGeometry, type ScorePoint } from './paretoGeometry';

const box = { width: 260, height: 240, margin: { top: 10, right: 12, bottom: 36, left: 40 } };

/**
 * Both sides' scores of every Pareto-optimal split (the frontier, a line through its points),
 * the offers made during the dialogue (hollow), and the deal (a large marker) if there was one.
 */
export function ParetoScatter(props: {
  frontier: readonly ScorePoint[];
  offers: readonly (ScorePoint & { speaker: 'alice' | 'bob' })[];
  deal: ScorePoint | null;
}) {
  const g = scatterGeometry(
    props.frontier,
    [...props.offers, ...(props.deal === null ? [] : [props.deal])],
    box,
  );
  const bottom = box.height - box.margin.bottom;
  const right = box.width - box.margin.right;
  return (
    <figure className="chart pareto" data-testid="pareto">
      <svg
        viewBox={`0 0 ${box.width} ${box.height}`}
        role="img"
        aria-label={`Pareto frontier (${props.frontier.length} points)${
          props.deal === null
            ? ', no deal'
            : `, deal at Alice ${props.deal.alice}, Bob ${props.deal.bob}`
        }`}
      >
        {g.ticks.map((t) => (
          <g key={t} className="grid">
            <line x1={box.margin.left} x2={right} y1={g.y(t)} y2={g.y(t)} />
            <line x1={g.x(t)} x2={g.x(t)} y1={box.margin.top} y2={bottom} />
            <text x={box.margin.left - 6} y={g.y(t) + 4} textAnchor="end">
              {t}
            </text>
            <text x={g.x(t)} y={bottom + 14} textAnchor="middle">
              {t}
            </text>
          </g>
        ))}
        <text
          className="axis-label"
          x={(box.margin.left + right) / 2}
          y={box.height - 4}
          textAnchor="middle"
        >
          Alice's score
        </text>
        <text
          className="axis-label"
          transform={`translate(11 ${(box.margin.top + bottom) / 2}) rotate(-90)`}
          textAnchor="middle"
        >
          Bob's score
        </text>
        <polyline className="frontier" points={g.frontierPath} />
        {props.frontier.map((p, i) => (
          <circle key={`f${i}`} className="frontier-point" cx={g.x(p.alice)} cy={g.y(p.bob)} r={3}>
            <title>
              Pareto-optimal: Alice {p.alice}, Bob {p.bob}
            </title>
          </circle>
        ))}
        {props.offers.map((p, i) => (
          <circle
            key={`o${i}`}
            className={`offer ${p.speaker}`}
            data-testid="offer-point"
            cx={g.x(p.alice)}
            cy={g.y(p.bob)}
            r={4.5}
          >
            <title>
              {p.speaker === 'alice' ? "Alice's" : "Bob's"} offer: Alice {p.alice}, Bob {p.bob}
            </title>
          </circle>
        ))}
        {props.deal !== null && (
          <g data-testid="deal-point">
            <circle className="deal" cx={g.x(props.deal.alice)} cy={g.y(props.deal.bob)} r={7} />
            <title>
              Deal: Alice {props.deal.alice}, Bob {props.deal.bob}
            </title>
          </g>
        )}
      </svg>
      <figcaption className="legend small">
        <span className="key frontier-key">— Pareto frontier</span>{' '}
        <span className="key alice">○ Alice's offers</span>{' '}
        <span className="key bob">○ Bob's offers</span> <span className="key deal-key">● deal</span>
      </figcaption>
    </figure>
  );
}
