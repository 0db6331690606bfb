@testable import LocalEndpoint
import Testing

/// Which requests the Lambda API runs on the invoker's event loop: synchronous invokes only
/// (everything else may read or write files and goes to the concurrency pool).
struct InvokeRoutingTests {
    @Test func onlySynchronousInvokesRunOnTheInvokersLoop() {
        let invoke = "/2015-03-31/functions/noop/invocations"
        #expect(LambdaAPIHandler.isSynchronousInvoke(method: "POST", uri: invoke, invocationType: nil))
        #expect(LambdaAPIHandler.isSynchronousInvoke(method: "POST", uri: invoke, invocationType: "RequestResponse"))
        #expect(LambdaAPIHandler.isSynchronousInvoke(method: "POST", uri: invoke + "?Qualifier=prod", invocationType: nil))
        #expect(LambdaAPIHandler.isSynchronousInvoke(method: "POST", uri: "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Anoop/invocations",
                                                     invocationType: nil))
        #expect(!LambdaAPIHandler.isSynchronousInvoke(method: "POST", uri: invoke, invocationType: "Event"))
        #expect(!LambdaAPIHandler.isSynchronousInvoke(method: "POST", uri: invoke, invocationType: "DryRun"))
        #expect(!LambdaAPIHandler.isSynchronousInvoke(method: "GET", uri: invoke, invocationType: nil))
        #expect(!LambdaAPIHandler.isSynchronousInvoke(method: "POST", uri: "/2015-03-31/functions", invocationType: nil), "CreateFunction")
        #expect(!LambdaAPIHandler.isSynchronousInvoke(method: "POST", uri: "/2014-11-13/functions/noop/invoke-async/", invocationType: nil))
        #expect(!LambdaAPIHandler.isSynchronousInvoke(method: "POST", uri: "/2015-03-31/functions/noop/invocations/extra", invocationType: nil))
        #expect(!LambdaAPIHandler.isSynchronousInvoke(method: "POST", uri: "/2021-11-15/functions/noop/response-streaming-invocations", invocationType: nil))
    }
}
