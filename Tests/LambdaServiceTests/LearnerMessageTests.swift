import Foundation
import LambdaService
import MiniLambda
import TestSupport
import Testing

/// What the learner reads after `error:` for the worker's and the service's refusals: the code
/// and the message are kept apart where the error is made, and put together only here.
@Suite struct LearnerMessageTests {
    @Test("A worker refusal with an AWS exception name reads 'Code: message'; the tutor's own codes read the message alone")
    func workerErrors() {
        let arn = "arn:aws:lambda:us-east-1:123456789012:function:orders"
        #expect(MiniLambdaError(.functionNotFound, "Function not found: \(arn)").learnerMessage
                == "ResourceNotFoundException: Function not found: \(arn)")
        #expect(MiniLambdaError(.functionExists, "Function already exist: orders").learnerMessage
                == "ResourceConflictException: Function already exist: orders")
        #expect(MiniLambdaError(.invalidParameter, "bad").learnerMessage == "InvalidParameterValueException: bad")
        #expect(MiniLambdaError(.requestTooLarge, "too big").learnerMessage == "RequestEntityTooLargeException: too big")
        #expect(MiniLambdaError(.system, "cannot write").learnerMessage == "ServiceException: cannot write")
        for code in [MiniLambdaError.Code.interpreterMissing, .shutDown, .cancelled, .unsafeFolder] {
            #expect(MiniLambdaError(code, "the words").learnerMessage == "the words", "\(code)")
        }
        #expect(MiniLambdaError(.interpreterMissing, "no python3").learnerHint == "install it with your package manager")
    }

    @Test("A service refusal reads 'Code: message', with a throttle's Reason; one from a worker reads as the worker's")
    func serviceErrors() async throws {
        #expect(LambdaServiceError(.resourceConflict, "Alias already exists").learnerMessage
                == "ResourceConflictException: Alias already exists")
        #expect(LambdaServiceError(.stopped, "the runtime is shutting down").learnerMessage
                == "Stopped: the runtime is shutting down")
        let throttle = LambdaServiceError(.tooManyRequests, "Rate Exceeded.", reason: .reservedFunctionConcurrentInvocationLimitExceeded)
        #expect(throttle.learnerMessage == "TooManyRequestsException: Rate Exceeded. (Reason: ReservedFunctionConcurrentInvocationLimitExceeded)")
        #expect(throttle.learnerHint?.contains("fn config NAME reserved=N") == true)
        let shutDown = LambdaServiceError(MiniLambdaError(.shutDown, "the runtime is shutting down"))
        #expect(shutDown.code == .stopped)
        #expect(shutDown.learnerMessage == "the runtime is shutting down", "the worker's own words")

        // As the registry makes it: the not-found message and its hint, unchanged through the service.
        let f = try ServiceFixture()
        do {
            _ = try f.service.getFunctionConfiguration(name: "orders")
            Issue.record("a missing function was found")
        } catch {
            #expect(error.learnerMessage == "ResourceNotFoundException: Function not found: arn:aws:lambda:us-east-1:123456789012:function:orders")
            #expect(error.learnerHint?.hasPrefix("create it with 'fn new NAME'") == true)
        }
    }
}
