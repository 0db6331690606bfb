// swift-tools-version:6.0
// lambda-tutor: a terminal tutor for AWS Lambda. Module map and dependency direction: ARCHITECTURE.md.
import PackageDescription

let package = Package(
    name: "lambda-tutor",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "lambda-tutor", targets: ["lambda-tutor"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // C shim over libedit (apt: libedit-dev). Only LineEditor imports it.
        .systemLibrary(name: "CLibEdit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),

        // Shared plumbing with no domain knowledge: diagnostics, atomic files, learner data home.
        .target(name: "TutorSupport"),

        // The learner's data (attempts, exams, progress, settings, the review schedule) in one
        // SQLite database in WAL mode, and the one-time import of the JSON files it replaces.
        // The only module that imports GRDB.
        .target(name: "LearnerStore", dependencies: ["TutorSupport", .product(name: "GRDB", package: "GRDB.swift")]),

        // Pure Lambda domain: the facts table and the arithmetic built on it. No I/O.
        .target(name: "LambdaModel"),

        // Pure, discrete-time simulator of an account's functions scaling, throttling and costing
        // money (issue 11). No I/O; depends on the facts and cost arithmetic only.
        .target(name: "ScalingSimulation", dependencies: ["LambdaModel"]),

        // Pure FSRS-6 scheduling over the learner's answers; the stored schedule is a rebuildable cache.
        .target(name: "SpacedRepetition", dependencies: ["TutorSupport", "LearnerStore"]),

        // fork/exec of a pager or editor as the terminal's foreground job (TerminalUI only).
        .target(name: "CTerminalJob"),
        .target(name: "TerminalUI", dependencies: ["TutorSupport", "CTerminalJob"]),
        .target(name: "LineEditor", dependencies: ["CLibEdit"]),
        // The one YAML reader with path:line:col diagnostics: lessons, question banks and
        // exercises read YAML through it, and nothing else imports Yams.
        .target(name: "ContentYAML", dependencies: ["TutorSupport", .product(name: "Yams", package: "Yams")]),
        .target(name: "Quiz", dependencies: ["TutorSupport", "LearnerStore", "LambdaModel", "ScalingSimulation", "ContentYAML", "SpacedRepetition"]),
        .target(name: "Curriculum", dependencies: ["TutorSupport", "LearnerStore", "LambdaModel", "ContentYAML"]),
        // fork/exec with setsid, PR_SET_PDEATHSIG and setrlimit in the child, and the sandbox
        // (namespaces, a root of its own, pid 1) each execution environment runs in (MiniLambda only).
        .target(name: "CProcessSpawn"),
        // Pid 1 of each sandboxed environment: a small static program, so pid 1 is not a copy of
        // the tutor's memory. Found beside the tutor's executable (ExecutionEnvironment+Sandbox).
        .executableTarget(
            name: "lambda-tutor-init",
            dependencies: ["CProcessSpawn"],
            linkerSettings: [.unsafeFlags(["-static-executable"])]
        ),
        .target(
            name: "MiniLambda",
            dependencies: [
                "TutorSupport", "LambdaModel", "CProcessSpawn",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            resources: [.copy("Bootstraps")]
        ),
        // Sample events and record builders (S3, SQS, SNS, streams…), shared by the REPL, the
        // exercises and (later) the local queues and event source mappings.
        .target(name: "LambdaEvents", dependencies: ["TutorSupport"], resources: [.copy("SampleEvents")]),
        // In-memory SQS queues on the service clock (and the clock the learner speeds up).
        .target(name: "LocalServices", dependencies: ["TutorSupport", "LambdaModel", "LambdaEvents"]),
        // The Lambda service around the workers, what a client (the REPL, the REST layer) talks
        // to: functions, versions, aliases and concurrency settings (Management/), qualifier
        // routing (Invoke/), the account's concurrency and throttles (Concurrency/), metrics.
        .target(name: "LambdaService", dependencies: ["TutorSupport", "LambdaModel", "MiniLambda", "LambdaEvents", "LocalServices"], exclude: ["README.md"]),
        // The HTTP face of the mini Lambda on loopback: the Lambda REST API 2015-03-31 as botocore's
        // service model defines it, so the stock AWS CLI and boto3 work against the tutor (issue 16).
        .target(
            name: "LocalEndpoint",
            dependencies: [
                "TutorSupport", "LambdaModel", "MiniLambda", "LambdaService",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // Autograded handler exercises: content like lessons, hidden test cases run on the mini Lambda.
        .target(name: "Exercises", dependencies: ["TutorSupport", "LearnerStore", "LambdaModel", "ContentYAML", "MiniLambda", "LambdaService", "LambdaEvents"]),
        // Workshop reports: item analysis (difficulty, discrimination, KR-20) over learners' exported results. Pure.
        .target(name: "ClassReports", dependencies: ["Quiz", "TutorSupport"]),
        // Runtime benchmarks (Benchmarks/invoke.sh runs it in release mode); not part of the tests.
        .executableTarget(name: "lambda-tutor-bench", dependencies: ["MiniLambda", "LambdaService"]),
        // Async invocation scheduler benchmark (Benchmarks/async.sh runs it in release mode).
        .executableTarget(name: "lambda-tutor-asyncbench", dependencies: ["LambdaService", "LocalServices", "TutorSupport", "ReliabilityHarness", "MiniLambda"]),
        // Issue 15's reliability runs over a randomly failing fake worker (the test and the bench above share them).
        .target(name: "ReliabilityHarness", dependencies: ["LambdaService", "LocalServices", "MiniLambda", "TutorSupport"]),
        // Lambda API benchmarks (Benchmarks/api.sh runs it in release mode).
        .executableTarget(
            name: "lambda-tutor-apibench",
            dependencies: ["LocalEndpoint", "LambdaService", "MiniLambda", .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio")]
        ),
        // Simulator benchmarks (Benchmarks/simulate.sh runs it in release mode).
        .executableTarget(name: "lambda-tutor-simbench", dependencies: ["ScalingSimulation", "LambdaModel", "TutorApp", "TutorSupport"]),
        .target(
            name: "TutorApp",
            dependencies: ["TutorSupport", "LearnerStore", "LambdaModel", "TerminalUI", "LineEditor", "Curriculum", "Quiz", "MiniLambda", "LambdaService", "LambdaEvents", "LocalServices", "ScalingSimulation", "Exercises", "ClassReports", "LocalEndpoint"]
        ),
        .executableTarget(
            name: "lambda-tutor",
            dependencies: ["TutorApp", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        .target(name: "TestSupport", dependencies: ["TutorSupport"], path: "Tests/TestSupport"),
        .testTarget(name: "TutorSupportTests", dependencies: ["TutorSupport", "TestSupport"]),
        .testTarget(name: "LearnerStoreTests", dependencies: ["LearnerStore", "TutorSupport", "TestSupport"]),
        .testTarget(name: "LambdaModelTests", dependencies: ["LambdaModel"]),
        .testTarget(name: "ScalingSimulationTests", dependencies: ["ScalingSimulation", "LambdaModel"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "LineEditorTests", dependencies: ["LineEditor"]),
        .testTarget(name: "ContentYAMLTests", dependencies: ["ContentYAML", "TutorSupport"]),
        .testTarget(name: "QuizTests", dependencies: ["Quiz", "LearnerStore", "TutorSupport", "TestSupport"]),
        .testTarget(name: "CurriculumTests", dependencies: ["Curriculum", "LearnerStore", "TestSupport"]),
        .testTarget(name: "MiniLambdaTests", dependencies: ["MiniLambda", "LambdaService", "LambdaEvents", "TestSupport"]),
        .testTarget(name: "LambdaEventsTests", dependencies: ["LambdaEvents", "MiniLambda", "TestSupport"]),
        .testTarget(name: "LambdaServiceTests", dependencies: ["LambdaService", "MiniLambda", "TutorSupport", "TestSupport", "LocalServices", "ReliabilityHarness"]),
        .testTarget(name: "LocalServicesTests", dependencies: ["LocalServices", "TestSupport"]),
        .testTarget(name: "TutorAppTests", dependencies: ["TutorApp", "LearnerStore", "TestSupport"], exclude: ["CheckCorpus"]),
        // The built lambda-tutor driven as a learner drives it: piped scripts, tmux at 80x24 with the
        // real less and vi, two tutors on one folder, kills during a submit. In-process tests of
        // the REPL are TutorAppTests. TutorApp is linked only for the words the tutor prints
        // (`LessonWording`) and how it reads lessons, so no test copies a phrase from the code.
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "Curriculum", "Quiz", "TutorSupport", "LearnerStore", "TutorApp"]),
        .testTarget(name: "LocalEndpointTests", dependencies: ["LocalEndpoint", "LambdaService", "LocalServices", "MiniLambda", "TestSupport"], exclude: ["Clients"]),
        .testTarget(name: "ClassReportsTests", dependencies: ["ClassReports", "Quiz", "TestSupport"]),
        .testTarget(name: "ExercisesTests", dependencies: ["Exercises", "LearnerStore", "MiniLambda", "LambdaService", "TutorSupport", "TestSupport"]),
        .testTarget(name: "SpacedRepetitionTests", dependencies: ["SpacedRepetition", "LearnerStore", "TutorSupport", "TestSupport"], exclude: ["Reference"]),
    ]
)

// Swift 7's rules today: `any` spelled out for every existential, and a module's members
// visible only where that module is imported.
for target in package.targets where target.type != .system && !target.name.hasPrefix("C") && target.name != "lambda-tutor-init" {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
    ]
}
