import LambdaModel
import ScalingSimulation
import TerminalUI
import TutorSupport
import LineEditor

extension Command {
    /// The scaling simulator (issue 11). Self-contained so it can move to `Tools/` as one piece.
    static var simulateCommands: [Command] { [simulate] }

    static let simulate = Command(
        "simulate", aliases: ["sim"], group: .tools,
        summary: "Watch a function scale, throttle and cost money at any traffic",
        usage: [
            "simulate --rps N|A-B [--ramp TIME|--spike TIME|--sine PERIOD] [--at TIME] --duration TIME [--for TIME] [options]",
            "simulate --preset NAME [options]",
            "simulate … --compare A B",
            "simulate presets",
        ],
        synopsis: "simulate --rps N --duration TIME … | --preset NAME",
        discussion: """
        Simulates one second at a time what Lambda does with a traffic pattern: how fast the function scales \
        (\(Facts.scalingRate.display) per function), where the account limit, reserved and provisioned \
        concurrency bite, which requests are throttled (sync callers get 429; async events wait and retry; SQS \
        messages stay in the queue), how many cold starts there are, and what it costs (the same arithmetic as \
        `calc cost`).

        Traffic: `--rps N` is N per second from t = 0 with nothing warm. `--rps A-B` goes from A to B: as a step \
        at `--at` (default 30s), a straight `--ramp TIME` from `--at` (default 0), a `--spike TIME` of B at `--at` \
        (default 30s), or a day-shaped `--sine PERIOD`. `--traffic FILE` reads a CSV of rates, one row per \
        second (`rps` or `t,rps`). `--duration` is fixed, or the median of a log-normal spread with `--p99`.

        Options given with `--preset` change its first function (or the one `--function` names). `--compare A B` \
        runs two variants side by side; each is a preset name or `key=value` changes such as \
        `provisioned=500` or `"memory=1769 duration=290ms"`. `--json` and `--csv` print one row per simulated \
        second for your own charts. Charts use plain ASCII under NO_COLOR or a non-UTF-8 locale (or `--ascii`).
        """,
        examples: [
            "simulate --rps 10000 --duration 1s --account-limit 20000 --for 3m",
            "simulate --rps 0-20000 --ramp 60s --duration 200ms --for 5m --reserved 800 --provisioned 500",
            "simulate --preset black-friday",
            "simulate --preset black-friday --compare account-limit=1000 account-limit=5000",
            "simulate --preset noisy-neighbour --compare reserved=150 reserved=none",
            "simulate --preset diurnal-api --compare provisioned=0 provisioned=100",
            "simulate --rps 100 --duration 500ms --for 1m --json",
            "simulate presets",
        ],
        options: SimulationRequest.options,
        complete: { request, _ in
            switch request.precedingWords.last {
            case "--preset": return Preset.names
            case "--caller": return ["sync", "async", "sqs"]
            case "--scaling": return ["current", "legacy"]
            case "--arch": return ["x86_64", "arm64"]
            case "--compare": return Preset.names
            default: return request.precedingWords.count == 1 ? ["presets"] : []
            }
        },
        run: { context in
            try SimulationView.run(context)
        })
}
