"""neurokit hopfield-capacity: recall of random patterns against the load P/N."""

from __future__ import annotations

NAME = "hopfield-capacity"
HELP = "measure a Hopfield net's capacity: recall of random patterns against P/N, per rule"
ORDER = 40


def add_arguments(parser) -> None:
    parser.add_argument("--units", type=int, default=100, metavar="N", help="units N (100)")
    parser.add_argument(
        "--rules",
        nargs="+",
        default=["hebbian", "storkey", "pseudo-inverse"],
        choices=["hebbian", "storkey", "pseudo-inverse"],
        help="storage rules to compare (default: all three)",
    )
    parser.add_argument(
        "--loads", type=float, nargs="+", metavar="P/N", help="loads to visit (default: 0.05–0.4)"
    )
    parser.add_argument("--trials", type=int, default=4, help="pattern sets per load (4)")
    parser.add_argument("--seed", type=int, default=0, help="seeds patterns, noise and order")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def run(args) -> int:
    from neurokit.builtins.hopfield import CAPACITY_LOADS, capacity
    from neurokit.commands._common import print_json
    from neurokit.core.errors import NeurokitError

    loads = args.loads or CAPACITY_LOADS
    if not 2 <= args.units <= 2000 or args.trials < 1 or not all(0 < x <= 1 for x in loads):
        raise NeurokitError("units must be 2 to 2000, trials at least 1, loads in (0, 1]")
    results = {
        rule: capacity(args.units, loads, rule, args.trials, args.seed) for rule in args.rules
    }
    if args.json:
        print_json({"units": args.units, "trials": args.trials, "rules": results})
        return 0
    print(f"recall of random patterns in a {args.units}-unit Hopfield net: each start has 5% of")
    print("its units flipped; recalled = the settled state overlaps the pattern by ≥ 0.95")
    print("(Hebbian storage is expected to fail near P/N ≈ 0.138)\n")
    print(f"{'P/N':>6} {'P':>4}  " + "  ".join(f"{rule:>14}" for rule in args.rules))
    for i, load_row in enumerate(results[args.rules[0]]):
        cells = "  ".join(f"{results[rule][i]['recall']:>14.2f}" for rule in args.rules)
        print(f"{load_row['load']:>6.2f} {load_row['patterns']:>4}  {cells}")
    return 0
