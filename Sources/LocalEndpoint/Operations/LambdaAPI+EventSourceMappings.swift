import Foundation
import LambdaService

/// Create/List/Get/Update/DeleteEventSourceMapping (`/2015-03-31/event-source-mappings`), on the
/// same ``EventSourceMappings`` as the REPL's `esm`: SQS queues and Kinesis streams (with the
/// stream members of botocore's shapes); the Kafka, MQ and DocumentDB settings are refused by name.
extension LambdaAPI {
    /// Dispatches an event source mapping operation; nil when `operation` is not one.
    func eventSourceMappingOperation(_ operation: String, _ context: OperationContext) throws(APIError) -> APIResponse? {
        switch operation {
        case "CreateEventSourceMapping": return try createEventSourceMapping(context)
        case "ListEventSourceMappings": return try listEventSourceMappings(context)
        case "GetEventSourceMapping": return try getEventSourceMapping(context)
        case "UpdateEventSourceMapping": return try updateEventSourceMapping(context)
        case "DeleteEventSourceMapping": return try deleteEventSourceMapping(context)
        default: return nil
        }
    }

    private func served() throws(APIError) -> EventSourceMappings {
        guard let mappings else {
            throw APIError(404, "UnknownOperationException", "Event source mappings are not served by this endpoint (no local queues run here)")
        }
        return mappings
    }

    /// `POST /2015-03-31/event-source-mappings` (202, State `Creating`).
    func createEventSourceMapping(_ context: OperationContext) throws(APIError) -> APIResponse {
        let mappings = try served()
        var request = try Self.mappingRequest(try context.jsonBody())
        guard request.functionName != nil else { throw Body.missing("FunctionName") }
        request.functionName = try request.functionName.map { name throws(APIError) in try APIFunctionName.parse(name, qualifier: nil).description }
        let created = try api { () throws(LambdaServiceError) in try mappings.create(request) }
        return .json(202, created.apiObject(stateOverride: created.enabled ? "Creating" : nil))
    }

    /// `GET /2015-03-31/event-source-mappings?EventSourceArn=&FunctionName=&Marker=&MaxItems=`.
    func listEventSourceMappings(_ context: OperationContext) throws(APIError) -> APIResponse {
        let mappings = try served()
        let query = context.request.query
        let all = try api { () throws(LambdaServiceError) in try mappings.list(eventSourceArn: query["EventSourceArn"], functionName: query["FunctionName"]) }
        var start = 0
        if let marker = query["Marker"] {
            guard let index = Int(marker), (0...all.count).contains(index) else { throw APIError.invalidParameter("Invalid Marker: \(marker)") }
            start = index
        }
        var limit = all.count
        if let text = query["MaxItems"] {
            guard let value = Int(text), (1...10_000).contains(value) else {
                throw APIError.invalidParameter("1 validation error detected: Value \(text) at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 10000")
            }
            limit = value
        }
        let page = Array(all[start..<min(all.count, start + limit)])
        var object: [String: Any] = ["EventSourceMappings": page.map { $0.apiObject() }]
        if start + page.count < all.count { object["NextMarker"] = String(start + page.count) }
        return .json(200, object)
    }

    /// `GET /2015-03-31/event-source-mappings/{UUID}`.
    func getEventSourceMapping(_ context: OperationContext) throws(APIError) -> APIResponse {
        let mappings = try served()
        let uuid = context.parameters["UUID"] ?? ""
        return .json(200, try api { () throws(LambdaServiceError) in try mappings.get(uuid) }.apiObject())
    }

    /// `PUT /2015-03-31/event-source-mappings/{UUID}` (202, State `Updating`).
    func updateEventSourceMapping(_ context: OperationContext) throws(APIError) -> APIResponse {
        let mappings = try served()
        let uuid = context.parameters["UUID"] ?? ""
        let body = try context.jsonBody()
        if body["EventSourceArn"] != nil { throw APIError.invalidParameter("EventSourceArn cannot be changed; delete the mapping and create another") }
        var request = try Self.mappingRequest(body)
        request.functionName = try request.functionName.map { name throws(APIError) in try APIFunctionName.parse(name, qualifier: nil).description }
        let updated = try api { () throws(LambdaServiceError) in try mappings.update(uuid, request) }
        return .json(202, updated.apiObject(stateOverride: "Updating"))
    }

    /// `DELETE /2015-03-31/event-source-mappings/{UUID}` (202, State `Deleting`).
    func deleteEventSourceMapping(_ context: OperationContext) throws(APIError) -> APIResponse {
        let mappings = try served()
        let uuid = context.parameters["UUID"] ?? ""
        let deleted = try api { () throws(LambdaServiceError) in try mappings.delete(uuid) }
        return .json(202, deleted.apiObject(stateOverride: "Deleting"))
    }

    /// The members of a Create/UpdateEventSourceMapping body, with botocore's names and types.
    static func mappingRequest(_ body: [String: Any]) throws(APIError) -> EventSourceMappingRequest {
        var request = EventSourceMappingRequest(
            eventSourceArn: try Body.string(body, "EventSourceArn"), functionName: try Body.string(body, "FunctionName"),
            enabled: try Body.bool(body, "Enabled"), batchSize: try Body.int(body, "BatchSize"),
            maximumBatchingWindow: try Body.int(body, "MaximumBatchingWindowInSeconds"))
        if let criteria = try Body.object(body, "FilterCriteria") {
            var filters: [Any] = []
            if let raw = criteria["Filters"], !(raw is NSNull) {
                guard let list = raw as? [Any] else { throw Body.wrongType("FilterCriteria.Filters", "a list") }
                filters = list
            }
            request.filterPatterns = try filters.map { filter throws(APIError) in
                guard let object = filter as? [String: Any], let pattern = try Body.string(object, "Pattern") else {
                    throw Body.wrongType("FilterCriteria.Filters[].Pattern", "a string")
                }
                return pattern
            }
        }
        if let types = body["FunctionResponseTypes"], !(types is NSNull) {
            guard let list = types as? [String] else { throw Body.wrongType("FunctionResponseTypes", "a list of strings") }
            request.functionResponseTypes = list
        }
        if let scaling = try Body.object(body, "ScalingConfig") {
            request.maximumConcurrency = try Body.int(scaling, "MaximumConcurrency")
        }
        request.stream = try streamRequest(body)
        let streamKeys = ["StartingPosition", "StartingPositionTimestamp", "ParallelizationFactor", "DestinationConfig",
                          "MaximumRecordAgeInSeconds", "BisectBatchOnFunctionError", "MaximumRetryAttempts", "TumblingWindowInSeconds",
                          "Topics", "Queues", "SourceAccessConfigurations", "SelfManagedEventSource",
                          "AmazonManagedKafkaEventSourceConfig", "SelfManagedKafkaEventSourceConfig", "DocumentDBEventSourceConfig",
                          "ProvisionedPollerConfig"]
        request.streamSettings = streamKeys.filter { body[$0] != nil && !(body[$0] is NSNull) }
        let unserved = ["Topics", "Queues", "SourceAccessConfigurations", "SelfManagedEventSource", "AmazonManagedKafkaEventSourceConfig",
                        "SelfManagedKafkaEventSourceConfig", "DocumentDBEventSourceConfig", "ProvisionedPollerConfig"].filter { body[$0] != nil && !(body[$0] is NSNull) }
        if let source = request.eventSourceArn, source.hasPrefix("arn:aws:kinesis:"), !unserved.isEmpty {
            throw APIError.invalidParameter("Unsupported parameter for Kinesis event source: \(unserved.joined(separator: ", "))")
        }
        return request
    }

    /// The stream members (StartingPosition, StartingPositionTimestamp, retries, record age,
    /// bisect, parallelization, tumbling window, DestinationConfig.OnFailure.Destination).
    static func streamRequest(_ body: [String: Any]) throws(APIError) -> StreamMappingRequest {
        var stream = StreamMappingRequest()
        stream.startingPosition = try Body.string(body, "StartingPosition")
        if let raw = body["StartingPositionTimestamp"], !(raw is NSNull) {
            // boto3 sends a timestamp as epoch seconds (rest-json's default).
            guard let seconds = (raw as? NSNumber)?.doubleValue ?? (raw as? String).flatMap(Double.init) else {
                throw Body.wrongType("StartingPositionTimestamp", "a timestamp")
            }
            stream.startingPositionTimestamp = Date(timeIntervalSince1970: seconds)
        }
        stream.maximumRetryAttempts = try Body.int(body, "MaximumRetryAttempts")
        stream.maximumRecordAge = try Body.int(body, "MaximumRecordAgeInSeconds")
        stream.bisectBatchOnFunctionError = try Body.bool(body, "BisectBatchOnFunctionError")
        stream.parallelizationFactor = try Body.int(body, "ParallelizationFactor")
        stream.tumblingWindow = try Body.int(body, "TumblingWindowInSeconds")
        if let destinations = try Body.object(body, "DestinationConfig") {
            if destinations["OnSuccess"] != nil, !(destinations["OnSuccess"] is NSNull) {
                throw APIError.invalidParameter("DestinationConfig.OnSuccess is not supported for event source mappings")
            }
            if let failure = try Body.object(destinations, "OnFailure") {
                stream.onFailure = try Body.string(failure, "Destination") ?? ""
            }
        }
        return stream
    }
}
