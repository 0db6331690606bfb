import Curriculum
import Foundation
import Synchronization
import LambdaModel
import LambdaEvents
import LambdaService
import LineEditor
import LocalEndpoint
import MiniLambda
import TerminalUI
import TutorSupport

/// Runs library calls that throw ``MiniLambdaError``, ``LambdaServiceError`` or
/// ``SampleEventError`` and turns the
/// error into the learner-facing ``CommandError`` (message plus the "did you mean" already in it).
@discardableResult
func mapped<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as MiniLambdaError {
        throw CommandError(error)
    } catch let error as LambdaServiceError {
        throw CommandError(error)
    } catch let error as SampleEventError {
        throw CommandError(error.message)
    }
}

@discardableResult
func mappedAsync<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as MiniLambdaError {
        throw CommandError(error)
    } catch let error as LambdaServiceError {
        throw CommandError(error)
    } catch let error as SampleEventError {
        throw CommandError(error.message)
    }
}

extension CommandError {
    init(_ error: MiniLambdaError) {
        let hint: String?
        switch error.code {
        case .interpreterMissing: hint = "install it with your package manager"
        case .functionNotFound where !error.message.contains("did you mean"):
            hint = "create it with 'fn new NAME', or 'load NAME' in a lesson step with handler code; 'fn list' shows yours"
        default: hint = nil
        }
        // A refusal of the Invoke API's carries its exception name, as the AWS CLI prints it.
        let message = error.code.rawValue.hasSuffix("Exception") && !error.message.hasPrefix(error.code.rawValue)
            ? "\(error.code.rawValue): \(error.message)" : error.message
        self.init(message, hint: hint)
    }

    init(_ error: LambdaServiceError) {
        if let underlying = error.underlying {
            self.init(underlying)
            return
        }
        var message = error.message.hasPrefix(error.code.rawValue) ? error.message : "\(error.code.rawValue): \(error.message)"
        if let reason = error.reason { message += " (Reason: \(reason.rawValue))" }
        self.init(message, hint: error.code == .tooManyRequests ? "'account' shows the account's concurrency; 'fn config NAME reserved=N' reserves some for a function" : nil)
    }
}
