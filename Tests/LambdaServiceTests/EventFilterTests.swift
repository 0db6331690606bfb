import Foundation
import LambdaModel
import LambdaService
import Testing

/// Lambda's event filtering rules on SQS records (pure: no ports, no processes).
@Suite struct EventFilterTests {
    func record(_ body: String) -> [String: Any] { ["messageId": "m1", "body": body, "eventSource": "aws:sqs"] }

    func passes(_ pattern: String, _ body: String) throws -> Bool {
        try EventFilter(patterns: [pattern]).matchesSQS(record(body))
    }

    @Test func exactValuesMatchStringsNumbersBooleansAndNull() throws {
        #expect(try passes(#"{"body": {"type": ["order"]}}"#, #"{"type": "order"}"#))
        #expect(try !passes(#"{"body": {"type": ["order"]}}"#, #"{"type": "refund"}"#))
        #expect(try passes(#"{"body": {"n": [5]}}"#, #"{"n": 5.0}"#))
        #expect(try !passes(#"{"body": {"n": [1]}}"#, #"{"n": true}"#))
        #expect(try passes(#"{"body": {"ok": [true]}}"#, #"{"ok": true}"#))
        #expect(try passes(#"{"body": {"x": [null]}}"#, #"{"x": null}"#))
        #expect(try !passes(#"{"body": {"x": [null]}}"#, #"{}"#))
        #expect(try passes(#"{"body": {"x": [""]}}"#, #"{"x": ""}"#))
    }

    @Test func everyKeyMustMatchAndAnyConditionOfAKey() throws {
        let pattern = #"{"body": {"type": ["order", "refund"], "region": ["eu"]}}"#
        #expect(try passes(pattern, #"{"type": "refund", "region": "eu"}"#))
        #expect(try !passes(pattern, #"{"type": "refund", "region": "us"}"#))
    }

    @Test func prefixSuffixIgnoreCaseAndAnythingBut() throws {
        #expect(try passes(#"{"body": {"id": [{"prefix": "ord-"}]}}"#, #"{"id": "ord-17"}"#))
        #expect(try !passes(#"{"body": {"id": [{"prefix": "ord-"}]}}"#, #"{"id": "ref-17"}"#))
        #expect(try passes(#"{"body": {"f": [{"suffix": ".png"}]}}"#, #"{"f": "a.png"}"#))
        #expect(try passes(#"{"body": {"c": [{"equals-ignore-case": "EU"}]}}"#, #"{"c": "eu"}"#))
        #expect(try passes(#"{"body": {"s": [{"anything-but": ["done", "void"]}]}}"#, #"{"s": "new"}"#))
        #expect(try !passes(#"{"body": {"s": [{"anything-but": "done"}]}}"#, #"{"s": "done"}"#))
        #expect(try !passes(#"{"body": {"s": [{"anything-but": {"prefix": "test"}}]}}"#, #"{"s": "testing"}"#))
        #expect(try !passes(#"{"body": {"s": [{"anything-but": ["done"]}]}}"#, #"{}"#))
    }

    @Test func numericComparisonsAndRanges() throws {
        let pattern = #"{"body": {"amount": [{"numeric": [">", 100, "<=", 500]}]}}"#
        #expect(try passes(pattern, #"{"amount": 101}"#))
        #expect(try passes(pattern, #"{"amount": 500}"#))
        #expect(try !passes(pattern, #"{"amount": 100}"#))
        #expect(try !passes(pattern, #"{"amount": "200"}"#))
        #expect(try passes(#"{"body": {"n": [{"numeric": ["=", 3]}]}}"#, #"{"n": 3}"#))
    }

    @Test func existsAndNestedObjectsAndLists() throws {
        #expect(try passes(#"{"body": {"a": {"b": [{"exists": true}]}}}"#, #"{"a": {"b": 0}}"#))
        #expect(try !passes(#"{"body": {"a": {"b": [{"exists": true}]}}}"#, #"{"a": {}}"#))
        #expect(try passes(#"{"body": {"gone": [{"exists": false}]}}"#, #"{"x": 1}"#))
        #expect(try passes(#"{"body": {"tags": ["red"]}}"#, #"{"tags": ["blue", "red"]}"#))
    }

    @Test func objectPatternsNeedJSONBodiesAndListPatternsMatchTheText() throws {
        #expect(try !passes(#"{"body": {"type": ["order"]}}"#, "not json"))
        #expect(try passes(#"{"body": [{"prefix": "not"}]}"#, "not json"))
    }

    @Test func anyFilterMayMatch() throws {
        let filter = try EventFilter(patterns: [#"{"body": {"t": ["a"]}}"#, #"{"body": {"t": ["b"]}}"#])
        #expect(filter.matchesSQS(record(#"{"t": "b"}"#)))
        #expect(!filter.matchesSQS(record(#"{"t": "c"}"#)))
    }

    @Test func badPatternsAreRefusedAsAWSDoes() {
        for bad in ["not json", #"{"body": {"t": "a"}}"#, #"{"body": {"t": []}}"#, #"{"body": {"t": [{"wildcard": "*"}]}}"#,
                    #"{"body": {"n": [{"numeric": [">"]}]}}"#, #"{"body": {"e": [{"exists": "yes"}]}}"#] {
            #expect(throws: LambdaServiceError.self, "\(bad)") { try EventFilter(patterns: [bad]) }
        }
        #expect(throws: LambdaServiceError.self) { try EventFilter(patterns: Array(repeating: #"{"body": {"t": ["a"]}}"#, count: Facts.esmFiltersDefault.int + 1)) }
    }
}
