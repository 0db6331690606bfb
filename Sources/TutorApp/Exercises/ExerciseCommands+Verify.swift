import Exercises
import Foundation
import LambdaService
import MiniLambda
import Quiz
import TerminalUI
import TutorSupport

extension Command {
    /// `verify [ID] [--watch]`: the learner's function against the exercise's hidden cases.
    static func verifyAttempt(_ context: CommandContext, id: String?, watch: Bool) async throws {
        let service = ExerciseService.of(context.session)
        let progress = service.progress(context.console)
        let exercise = try service.exercise(id, progress: progress)
        // The name comes from the learner's data file: check it before any path is built from it.
        guard let function = progress.exercises[exercise.id]?.function, (try? FunctionConfiguration.validateName(function)) != nil,
              service.workspace.registry.exists(function) else {
            throw CommandError("you have not started \(exercise.id) yet (or its function was removed)",
                               hint: "'exercise \(exercise.id)' creates your function with the starter code")
        }
        if progress.current != exercise.id {
            service.record(context.console) { $0.current = exercise.id }
        }
        let (verifier, invoker) = service.makeVerifier()
        let outcome: Result<VerificationReport?, any Error>
        do {
            if watch {
                try await ExerciseWatch.run(context, exercise: exercise, function: function, verifier: verifier, service: service)
                outcome = .success(nil)
            } else {
                outcome = .success(try await runVerification(context, exercise: exercise, function: function, verifier: verifier, service: service))
            }
        } catch {
            outcome = .failure(error)
        }
        await invoker.shutdownAll()
        guard let report = try outcome.get(), !report.passed else { return }
        let failed = report.cases.count - report.passedCount
        throw CommandError("\(failed) of \(report.cases.count) case\(report.cases.count == 1 ? "" : "s") fail\(failed == 1 ? "s" : "")",
                           hint: "fix and run 'verify' again ('verify --watch' re-runs on every save); 'hint' gives a nudge")
    }

    /// One run of every case, printed as it goes; records the attempt (and the pass).
    static func runVerification(_ context: CommandContext, exercise: Exercise, function: String, verifier: ExerciseVerifier,
                                service: ExerciseService) async throws -> VerificationReport {
        let console = context.console
        let style = console.style
        let count = exercise.cases.count
        console.line(style.muted("Running \(count) hidden case\(count == 1 ? "" : "s") against your function \(function)…"))
        let code = try service.workspace.registry.codeDirectory(function)
        let report: VerificationReport
        do {
            report = try await verifier.verify(exercise, code: code, progress: { result in console.line(ExerciseView.caseLine(result, style: style)) })
        } catch let error as ExerciseVerifier.Failure {
            throw CommandError(error.message)
        }
        for result in report.cases where !result.passed {
            console.line()
            console.line(ExerciseView.failure(result, exercise: exercise, testCase: exercise.cases.first { $0.name == result.name },
                                              function: function, width: console.width, style: style))
        }
        let firstPass = service.progress(console).exercises[exercise.id]?.passed == nil && report.passed
        // The tutor's clock, as lessons and attempts are stamped (LAMBDA_TUTOR_NOW moves it).
        let now = context.session.quiz.clock.now()
        service.record(console) { saved in
            var entry = saved.exercises[exercise.id] ?? ExerciseProgress.Entry(function: function, started: now)
            entry.attempts += 1
            if report.passed, entry.passed == nil { entry.passed = now }
            saved.exercises[exercise.id] = entry
        }
        console.line()
        if report.passed {
            console.line(style.success("✓ All \(count) case\(count == 1 ? "" : "s") pass.") + (firstPass ? " Exercise \(exercise.id) is done." : ""))
            if let next = nextExercise(after: exercise, service: service, console: console) {
                console.line(style.muted("Next: ") + style.code("exercise \(next.id)") + style.muted(" — \(next.title)"))
            }
        } else {
            console.line(style.failure("✗ \(report.passedCount) of \(count) case\(count == 1 ? "" : "s") pass."))
        }
        return report
    }

    /// The next exercise not yet done: first in the same lesson, then in catalog order.
    static func nextExercise(after exercise: Exercise, service: ExerciseService, console: Console) -> Exercise? {
        let progress = service.progress(console)
        let open = service.catalog.exercises.filter { $0.id != exercise.id && service.status(of: $0, in: progress) != .done }
        return open.first { $0.lesson == exercise.lesson } ?? open.first
    }

    /// `exercises verify --solutions [ID …]`: every reference solution must pass and every
    /// starter fail; a broken exercise file counts as a problem too.
    static func verifySolutions(_ context: CommandContext, ids: [String]) async throws {
        let service = ExerciseService.of(context.session)
        let console = context.console
        let style = console.style
        let chosen = try ids.isEmpty ? service.inCourseOrder(context.session) : ids.map { try service.exercise($0) }
        var problems = 0
        if ids.isEmpty {
            for skipped in service.catalog.skipped {
                problems += 1
                console.line(style.failure("✗ ") + skipped.file + ": " + skipped.reason)
            }
        }
        guard !chosen.isEmpty else { throw CommandError("no exercises are loaded") }
        console.line(style.muted("Checking \(chosen.count) exercise\(chosen.count == 1 ? "" : "s"): each solution must pass every case, each starter must fail one…"))
        let (verifier, invoker) = service.makeVerifier()
        let started = ContinuousClock.now
        do {
            for exercise in chosen {
                try Task.checkCancellation()
                let solution = try await verifier.verify(exercise, code: exercise.solutionFolder)
                let starter = try await verifier.verify(exercise, code: exercise.starterFolder)
                let ok = solution.passed && !starter.passed
                if !ok { problems += 1 }
                var line = (ok ? style.success("✓ ") : style.failure("✗ ")) + exercise.id + style.muted(" (\(exercise.runtime))") + "  "
                line += solution.passed ? "solution passes \(solution.cases.count)/\(solution.cases.count)" : style.failure("solution fails")
                line += " · "
                line += starter.passed ? style.failure("starter passes every case") : "starter fails \(starter.cases.count - starter.passedCount) of \(starter.cases.count)"
                console.line(line)
                for result in solution.cases where !result.passed {
                    console.line(ExerciseView.failure(result, exercise: exercise, testCase: exercise.cases.first { $0.name == result.name },
                                                      function: exercise.id, width: console.width, style: style))
                }
            }
        } catch let error as ExerciseVerifier.Failure {
            await invoker.shutdownAll()
            throw CommandError(error.message)
        } catch {
            await invoker.shutdownAll()
            throw error
        }
        await invoker.shutdownAll()
        let seconds = Double(started.duration(to: .now).components.seconds)
        guard problems == 0 else {
            throw CommandError("\(problems) exercise\(problems == 1 ? "" : "s") with a problem", hint: "a solution must pass every case and its starter must fail at least one")
        }
        console.line(style.success("✓ ") + "\(chosen.count) exercise\(chosen.count == 1 ? "" : "s"): every solution passes and every starter fails (\(Int(seconds)) s).")
    }
}
