import Exercises
import Testing

struct MatchingTests {
    let response = JSONValue(json: #"{"batchItemFailures": [{"itemIdentifier": "m-2"}], "extra": 1}"#)!

    @Test func includesIgnoresOtherKeysButExactDoesNot() {
        let expected = JSONValue(json: #"{"batchItemFailures": [{"itemIdentifier": "m-2"}]}"#)!
        #expect(expected.difference(from: response, mode: .includes) == nil)
        #expect(expected.difference(from: response, mode: .exact) == "the value has unexpected key extra")
    }

    @Test func differencesNameTheirPath() {
        let wrongID = JSONValue(json: #"{"batchItemFailures": [{"itemIdentifier": "m-1"}]}"#)!
        #expect(wrongID.difference(from: response, mode: .includes, root: "the response")
                == #"batchItemFailures[0].itemIdentifier is "m-2", expected "m-1""#)
        let two = JSONValue(json: #"{"batchItemFailures": [{"itemIdentifier": "m-1"}, {"itemIdentifier": "m-2"}]}"#)!
        #expect(two.difference(from: response, mode: .includes)?.hasPrefix("batchItemFailures has 1 item, expected 2") == true)
        #expect(JSONValue.object(["total": .number(5)]).difference(from: .null, mode: .exact, root: "the response")
                == #"the response is null, expected an object {"total": 5}"#)
    }

    @Test func numbersCompareByValueAndBooleansAreNotNumbers() {
        #expect(JSONValue.number(2).difference(from: JSONValue(json: "2.0")!, mode: .exact) == nil)
        #expect(JSONValue(json: "true") == .bool(true))
        #expect(JSONValue(json: "1") == .number(1))
        #expect(JSONValue.bool(true).difference(from: .number(1), mode: .exact) != nil)
    }
}
