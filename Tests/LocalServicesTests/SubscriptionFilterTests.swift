import Foundation
import LocalServices
import TestSupport
import Testing

/// SNS filter policies against the message of the SNS guide's "Amazon SNS example filter
/// policies" page (customer_interests, store, event, price_usd), in both scopes, and the
/// policies SNS refuses.
@Suite struct SubscriptionFilterTests {
    /// The guide's message attributes.
    static let attributes: [String: MessageAttributeValue] = [
        "customer_interests": MessageAttributeValue(dataType: "String.Array", stringValue: #"["soccer", "rugby", "hockey"]"#),
        "store": MessageAttributeValue(dataType: "String", stringValue: "example_corp"),
        "event": MessageAttributeValue(dataType: "String", stringValue: "order_placed"),
        "price_usd": MessageAttributeValue(dataType: "Number", stringValue: "210.75"),
    ]
    /// The same values as the guide's message body.
    static let body = #"{"customer_interests": ["soccer", "rugby", "hockey"], "store": "example_corp", "event": "order_placed", "price_usd": 210.75}"#

    func accepts(_ policy: String, body scope: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) throws -> Bool {
        let filter = try #require(try SubscriptionFilter.make(policy: policy, scope: scope ? "MessageBody" : nil), sourceLocation: sourceLocation)
        return filter.accepts(message: scope ? Self.body : "message-body-with-transaction-details", attributes: scope ? [:] : Self.attributes)
    }

    @Test func theGuidesAcceptingPolicyAcceptsTheMessageInBothScopes() throws {
        let policy = #"{"store": ["example_corp"], "event": [{"anything-but": "order_cancelled"}], "customer_interests": ["rugby", "football", "baseball"], "price_usd": [{"numeric": [">=", 100]}]}"#
        #expect(try accepts(policy))
        #expect(try accepts(policy, body: true))
    }

    @Test func eachKindOfConditionAcceptsOrRejects() throws {
        // Exact strings (case-sensitive) and String.Array membership.
        #expect(try accepts(#"{"store": ["example_corp"]}"#))
        #expect(try !accepts(#"{"store": ["Example_Corp"]}"#))
        #expect(try accepts(#"{"customer_interests": ["rugby"]}"#))
        #expect(try !accepts(#"{"customer_interests": ["baseball"]}"#))
        // Prefix, suffix, equals-ignore-case.
        #expect(try accepts(#"{"event": [{"prefix": "order-"}, {"prefix": "order_"}]}"#))
        #expect(try !accepts(#"{"customer_interests": [{"prefix": "bas"}]}"#))
        #expect(try accepts(#"{"store": [{"suffix": "_corp"}]}"#))
        #expect(try accepts(#"{"store": [{"equals-ignore-case": "EXAMPLE_CORP"}]}"#))
        // anything-but: a value, a list, a prefix.
        #expect(try !accepts(#"{"event": [{"anything-but": "order_placed"}]}"#))
        #expect(try accepts(#"{"event": [{"anything-but": ["order_cancelled", "order_failed"]}]}"#))
        #expect(try !accepts(#"{"event": [{"anything-but": {"prefix": "order"}}]}"#))
        // Numbers: exact, ranges; a Number attribute is not a string.
        #expect(try accepts(#"{"price_usd": [210.75]}"#))
        #expect(try !accepts(#"{"price_usd": ["210.75"]}"#))
        #expect(try accepts(#"{"price_usd": [{"numeric": [">", 0, "<=", 300]}]}"#))
        #expect(try !accepts(#"{"price_usd": [{"numeric": [">", 0, "<=", 150]}]}"#))
        #expect(try !accepts(#"{"store": [{"numeric": [">", 0]}]}"#), "a String attribute never matches a numeric condition")
        // exists.
        #expect(try accepts(#"{"store": [{"exists": true}]}"#))
        #expect(try !accepts(#"{"store": [{"exists": false}]}"#))
        #expect(try accepts(#"{"encrypted": [{"exists": false}]}"#))
        #expect(try !accepts(#"{"encrypted": [{"exists": true}]}"#))
        // Every key must match (AND).
        #expect(try !accepts(#"{"store": ["example_corp"], "event": ["order_cancelled"]}"#))
    }

    @Test func aBodyPolicyNestsAndNeedsAJSONBody() throws {
        let nested = try #require(try SubscriptionFilter.make(policy: #"{"order": {"total": [{"numeric": [">", 100]}], "channel": ["web"]}}"#, scope: "MessageBody"))
        #expect(nested.accepts(message: #"{"order": {"total": 120, "channel": "web"}}"#, attributes: [:]))
        #expect(!nested.accepts(message: #"{"order": {"total": 80, "channel": "web"}}"#, attributes: [:]))
        #expect(!nested.accepts(message: "plain text", attributes: [:]), "a body that is not JSON never matches")
        #expect(!nested.accepts(message: #"{"other": 1}"#, attributes: ["order": MessageAttributeValue(stringValue: "x")]), "attributes are not the body")
    }

    @Test func policiesSNSRefusesAreRefused() throws {
        func refusal(_ policy: String, scope: String? = nil) -> String? {
            do throws(LocalServiceError) {
                _ = try SubscriptionFilter.make(policy: policy, scope: scope)
                return nil
            } catch {
                #expect(error.code == .invalidParameter)
                return error.message
            }
        }
        #expect(refusal("not json")?.hasPrefix("Invalid parameter: FilterPolicy:") == true)
        #expect(refusal(#"{"a": {"b": ["c"]}}"#) == "Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy")
        #expect(refusal(#"{"a": {"b": ["c"]}}"#, scope: "MessageBody") == nil)
        #expect(refusal(#"{"a":["1"],"b":["1"],"c":["1"],"d":["1"],"e":["1"],"f":["1"]}"#) == "Invalid parameter: FilterPolicy: Filter policy can not have more than 5 keys")
        let eleven = "[" + (1...11).map(String.init).joined(separator: ",") + "]"
        #expect(refusal(#"{"a": \#(eleven), "b": \#(eleven)}"#) == nil, "121 combinations are fine, 11 × 11 × 2 are not")
        #expect(refusal(#"{"a": \#(eleven), "b": \#(eleven), "c": [1, 2]}"#)?.contains("too complex") == true)
        #expect(refusal(#"{"a": [{"cidr": "10.0.0.0/24"}]}"#)?.contains("unsupported condition") == true)
        #expect(refusal(#"{"a": []}"#) != nil)
        #expect(refusal(#"{"a": ["b"]}"#, scope: "Body")?.contains("FilterPolicyScope") == true)
        #expect(try SubscriptionFilter.make(policy: "{}", scope: nil) == nil, "an empty policy filters nothing")
    }

    @Test func aTopicDeliversOnlyWhatASubscriptionsPolicyAccepts() throws {
        let clock = ManualWallClock()
        let queues = LocalQueues(region: "us-east-1", accountID: "123456789012", clock: clock)
        let topics = LocalTopics(queues: queues, clock: clock)
        try queues.create("web")
        try queues.create("all")
        let topic = try topics.create("orders")
        let filtered = try topics.subscribe(topic, protocol: "sqs", endpoint: queues.arn("web"),
                                            attributes: ["FilterPolicy": #"{"channel": ["web"]}"#, "RawMessageDelivery": "true"])
        try topics.subscribe(topic, protocol: "sqs", endpoint: queues.arn("all"), attributes: ["RawMessageDelivery": "true"])
        try topics.publish(topic, message: "from the web", attributes: ["channel": MessageAttributeValue(stringValue: "web")])
        try topics.publish(topic, message: "from the shop", attributes: ["channel": MessageAttributeValue(stringValue: "shop")])
        try topics.publish(topic, message: "no attributes")
        #expect(try queues.peek("web").map(\.body) == ["from the web"])
        #expect(try queues.peek("all").count == 3)
        #expect(try topics.activity(topic).filteredOut == 2)
        // Switching the scope to the body checks the policy again and applies it to the body.
        try topics.setSubscriptionAttribute(filtered, name: "FilterPolicy", value: #"{"kind": [{"prefix": "big"}]}"#)
        try topics.setSubscriptionAttribute(filtered, name: "FilterPolicyScope", value: "MessageBody")
        #expect(try topics.subscription(filtered).allAttributes["FilterPolicyScope"] == "MessageBody")
        try topics.publish(topic, message: #"{"kind": "big order"}"#)
        try topics.publish(topic, message: #"{"kind": "small order"}"#)
        #expect(try queues.peek("web").map(\.body) == ["from the web", #"{"kind": "big order"}"#])
        #expect(throws: LocalServiceError.self) {
            try topics.setSubscriptionAttribute(filtered, name: "FilterPolicyScope", value: "MessageAttributes")
            try topics.setSubscriptionAttribute(filtered, name: "FilterPolicy", value: #"{"a": {"b": ["c"]}}"#)
        }
    }
}
