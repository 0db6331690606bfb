import LocalServices

/// Why an invocation record did not reach its destination, kept as the error it was: the local
/// queue's or topic's refusal (with SQS's or SNS's code), or the service's own (a destination
/// ARN it does not serve, a function destination it could not queue for). Only the event's
/// timeline shows it; nothing branches on its words.
enum DeliveryFailure: Error {
    case local(LocalServiceError)
    case service(LambdaServiceError)

    /// For the timeline: the local service's code and message, or the service's message.
    var text: String {
        switch self {
        case .local(let error): error.description
        case .service(let error): error.message
        }
    }
}
