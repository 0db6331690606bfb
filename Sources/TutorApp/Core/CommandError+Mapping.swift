import TutorSupport

/// Runs library calls inside a function that may throw only ``CommandError`` (`throws(CommandError)`)
/// and gives any ``LearnerFacingError`` as one, with its message and hint. Where a function
/// throws untyped errors there is nothing to map: ``Session/report(_:)`` renders every
/// `LearnerFacingError` itself.
@discardableResult
func mapped<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as CommandError {
        throw error
    } catch let error as any LearnerFacingError {
        throw CommandError(error)
    }
}

@discardableResult
func mappedAsync<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as CommandError {
        throw error
    } catch let error as any LearnerFacingError {
        throw CommandError(error)
    }
}

extension CommandError {
    /// The learner's view of a library's error: its message and hint.
    init(_ error: any LearnerFacingError) {
        self.init(error.learnerMessage, hint: error.learnerHint)
    }
}
