import Foundation
import TutorSupport

/// The sample events learners invoke with (`invoke NAME --event s3-put`), written by us in the
/// shapes AWS services really send, shipped as package resources (`SampleEvents/*.json`).
package enum SampleEvents {
    package struct Entry: Sendable, Hashable {
        package var name: String
        package var summary: String
        /// How the service invokes Lambda (the invocation-type lesson refers to this).
        package var invocation: String
    }

    package static let catalog: [Entry] = [
        Entry(name: "hello", summary: "the console's hello-world test event", invocation: "any"),
        Entry(name: "s3-put", summary: "S3 ObjectCreated:Put notification (one record)", invocation: "asynchronous"),
        Entry(name: "s3-delete", summary: "S3 ObjectRemoved:Delete notification", invocation: "asynchronous"),
        Entry(name: "apigateway-rest", summary: "API Gateway REST API proxy request (payload v1.0)", invocation: "synchronous"),
        Entry(name: "apigateway-http", summary: "API Gateway HTTP API request (payload v2.0)", invocation: "synchronous"),
        Entry(name: "function-url", summary: "Lambda function URL request (payload v2.0)", invocation: "synchronous"),
        Entry(name: "sqs", summary: "SQS batch of 2 messages (the second is not JSON)", invocation: "event source mapping (poll)"),
        Entry(name: "sns", summary: "SNS notification", invocation: "asynchronous"),
        Entry(name: "eventbridge-scheduled", summary: "EventBridge scheduled rule (cron/rate)", invocation: "asynchronous"),
        Entry(name: "dynamodb-stream", summary: "DynamoDB Streams batch: INSERT, MODIFY, REMOVE", invocation: "event source mapping (poll)"),
        Entry(name: "kinesis", summary: "Kinesis batch of 2 records (data is base64)", invocation: "event source mapping (poll)"),
        Entry(name: "cloudwatch-logs", summary: "CloudWatch Logs subscription (data is gzip + base64)", invocation: "asynchronous"),
    ]

    package static var names: [String] { catalog.map(\.name) }

    /// The event's JSON exactly as shipped.
    package static func data(_ name: String) throws(SampleEventError) -> Data {
        guard names.contains(name) else {
            var message = "no sample event named '\(name)'"
            if let hint = Suggestions.didYouMean(name, in: names) { message += ": \(hint)" } else { message += "; `events` lists them" }
            throw SampleEventError(.unknownEvent, message)
        }
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "SampleEvents"),
              let data = try? Data(contentsOf: url) else {
            throw SampleEventError(.missing, "the sample event \(name).json is missing from the LambdaEvents resources")
        }
        return data
    }

    /// The event with `path=value` overrides applied (`Records[0].s3.object.key=cat.jpg`).
    /// Values that parse as JSON (`42`, `true`, `{"a":1}`) are used as such, anything else as a
    /// string.
    package static func event(_ name: String, overrides: [String] = []) throws(SampleEventError) -> Data {
        let original = try data(name)
        return try apply(overrides, to: original)
    }

    /// Applies `path=value` overrides to any JSON document (also `--payload` and `@file`).
    package static func apply(_ overrides: [String], to json: Data) throws(SampleEventError) -> Data {
        guard !overrides.isEmpty else { return json }
        guard var root = try? JSONSerialization.jsonObject(with: json, options: [.fragmentsAllowed]) else {
            throw SampleEventError(.invalidOverride, "--set needs a JSON payload to change")
        }
        for override in overrides {
            guard let equals = override.firstIndex(of: "=") else {
                throw SampleEventError(.invalidOverride, "'\(override)' is not path=value (for example Records[0].s3.object.key=cat.jpg)")
            }
            let path = try parsePath(String(override[..<equals]))
            let text = String(override[override.index(after: equals)...])
            let value = (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) ?? text
            root = try set(value, at: path[...], in: root, fullPath: String(override[..<equals]))
        }
        do {
            return try JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
        } catch {
            throw SampleEventError(.invalidOverride, "cannot write the changed event: \(error)")
        }
    }

    enum PathComponent: Equatable {
        case key(String)
        case index(Int)
    }

    /// `a.b[0].c` → key a, key b, index 0, key c.
    static func parsePath(_ path: String) throws(SampleEventError) -> [PathComponent] {
        var components: [PathComponent] = []
        var key = ""
        var characters = path[...]
        func flush() {
            if !key.isEmpty { components.append(.key(key)) }
            key = ""
        }
        while let character = characters.popFirst() {
            switch character {
            case ".":
                flush()
            case "[":
                flush()
                let digits = characters.prefix { $0 != "]" }
                characters = characters.dropFirst(digits.count)
                guard characters.popFirst() == "]", let index = Int(digits), index >= 0 else {
                    throw SampleEventError(.invalidOverride, "'\(path)': an index is written [0], [1], ...")
                }
                components.append(.index(index))
            default:
                key.append(character)
            }
        }
        flush()
        guard !components.isEmpty else { throw SampleEventError(.invalidOverride, "an empty path in --set") }
        return components
    }

    private static func set(_ value: Any, at path: ArraySlice<PathComponent>, in node: Any, fullPath: String) throws(SampleEventError) -> Any {
        guard let first = path.first else { return value }
        let rest = path.dropFirst()
        switch first {
        case .key(let key):
            guard var object = node as? [String: Any] else {
                throw SampleEventError(.invalidOverride, "'\(fullPath)': '\(key)' is looked up in something that is not an object")
            }
            if rest.isEmpty {
                object[key] = value
            } else {
                guard let child = object[key] else {
                    var message = "'\(fullPath)': the event has no field '\(key)' here"
                    if let hint = Suggestions.didYouMean(key, in: object.keys) { message += " (\(hint))" }
                    throw SampleEventError(.invalidOverride, message)
                }
                object[key] = try set(value, at: rest, in: child, fullPath: fullPath)
            }
            return object
        case .index(let index):
            guard var array = node as? [Any] else {
                throw SampleEventError(.invalidOverride, "'\(fullPath)': [\(index)] is used on something that is not a list")
            }
            guard index < array.count else {
                throw SampleEventError(.invalidOverride, "'\(fullPath)': index \(index) is out of range (the list has \(array.count) items)")
            }
            array[index] = try set(value, at: rest, in: array[index], fullPath: fullPath)
            return array
        }
    }
}
