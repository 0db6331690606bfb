import Foundation

/// What a server hands each request to.
package protocol EndpointHandling: Sendable {
    func handle(_ request: APIRequest) async -> APIResponse
}

extension LambdaAPI: EndpointHandling {}

/// One endpoint for Lambda, SQS and SNS, as LocalStack serves all on one port: each request
/// goes to the service its protocol names — `X-Amz-Target: AmazonSQS.*` (SQS's JSON protocol),
/// a form-encoded `POST /` with an SNS `Action` (SNS's query protocol), anything else to the
/// Lambda REST API. The REPL's `api start`, `serve` and the port inside every sandbox
/// (`AWS_ENDPOINT_URL`) all serve one of these.
package final class AWSEndpoint: EndpointHandling {
    package let lambda: LambdaAPI
    package let sqs: SQSAPI?
    package let sns: SNSAPI?

    package init(lambda: LambdaAPI, sqs: SQSAPI?, sns: SNSAPI?) {
        self.lambda = lambda
        self.sqs = sqs
        self.sns = sns
    }

    package func handle(_ request: APIRequest) async -> APIResponse {
        if let target = request.header("x-amz-target") {
            return await json(target, request)
        }
        if request.method == "POST", request.pathSegments.isEmpty,
           request.header("content-type")?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true {
            return query(request)
        }
        return await lambda.handle(request)
    }

    /// A JSON-protocol request: SQS's targets, or AWS's answer to a target no service here has.
    private func json(_ target: String, _ request: APIRequest) async -> APIResponse {
        let parts = target.split(separator: ".", maxSplits: 1).map(String.init)
        if parts.count == 2, parts[0] == "AmazonSQS" {
            guard let sqs else { return SQSError.unsupported(parts[1]).response }
            return await sqs.handle(operation: parts[1], request)
        }
        return SQSError.unknownOperation(target).response
    }

    /// A query-protocol request: SNS's actions; SQS's old query protocol is answered with the
    /// way to the JSON one.
    private func query(_ request: APIRequest) -> APIResponse {
        let action = QueryForm(request.body)["Action"] ?? ""
        if SNSAPI.isOperation(action), let sns {
            return sns.handle(action: action, request)
        }
        let namespace = QueryForm(request.body)["Version"] == "2012-11-05" ? "http://queue.amazonaws.com/doc/2012-11-05/" : SNSAPI.namespace
        if namespace != SNSAPI.namespace {
            return QueryXML.error(status: 400, code: "InvalidAction", message: "lambda-tutor serves SQS in its JSON protocol (X-Amz-Target: AmazonSQS.\(action)), which boto3 and the AWS CLI have sent since 2023; upgrade the client.", namespace: namespace)
        }
        return QueryXML.error(status: 400, code: "InvalidAction", message: "The action \(action) is not valid for this web service.", namespace: namespace)
    }
}
