import LambdaModel
import MiniLambda
import TerminalUI

/// What `api`, `api start` and `serve` print: the endpoint (Lambda, SQS and SNS) and how to
/// point the AWS CLI and boto3 at it (dummy credentials, the tutor's Region). Every line fits
/// 80 columns.
enum APIGuide {
    static func text(endpoint: String, style: Style) -> String {
        let region = LambdaIdentity.region
        return """
          Lambda API: \(style.code(endpoint))  (127.0.0.1 only)
          SQS and SNS answer on the same port, with the session's queues and topics.
          AWS CLI, in another shell (any dummy credentials; the tutor ignores them):
            \(style.code("export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test"))
            \(style.code("export AWS_DEFAULT_REGION=\(region)"))
            \(style.code("export AWS_ENDPOINT_URL_LAMBDA=\(endpoint)"))
            \(style.code("aws lambda invoke --function-name myFunction output.json"))
            or give each command --endpoint-url \(endpoint)
            AWS_ENDPOINT_URL=\(endpoint) points Lambda, SQS and SNS at once:
            \(style.code("aws sqs list-queues"))   \(style.code("aws sns list-topics"))
          boto3:
            \(style.code("boto3.client(\"lambda\", endpoint_url=\"\(endpoint)\","))
            \(style.code("             region_name=\"\(region)\","))
            \(style.code("             aws_access_key_id=\"test\", aws_secret_access_key=\"test\")"))
        """
    }
}
