/// The facts table: every Lambda limit, default and price the tutor uses, once.
///
/// Taken from `shared/reference/lambda-facts.md` (checked 2026-11-23). Prices are us-east-1.
/// Code reads typed views of these through ``Limits`` and ``Prices``; lessons and questions
/// refer to them by key. Add a fact here, never a literal elsewhere.
package enum Facts {
    package static let checkedOn = "2026-11-23"

    static func dg(_ page: String) -> String { "https://docs.aws.amazon.com/lambda/latest/dg/\(page).html" }
    static func api(_ page: String) -> String { "https://docs.aws.amazon.com/lambda/latest/api/\(page).html" }
    static let pricing = "https://aws.amazon.com/lambda/pricing/"
    /// The October 2023 copy of the developer guide, for figures AWS has since replaced.
    static func oldDG(_ file: String) -> String { "https://github.com/awsdocs/aws-lambda-developer-guide/blob/03f7fcb/doc_source/\(file).md" }

    // MARK: - Memory and CPU
    package static let memoryMin = Fact("memory.min", 128, .megabytes, "Smallest memory setting", source: dg("configuration-memory"))
    package static let memoryMax = Fact("memory.max", 10240, .megabytes, "Largest memory setting",
                                       note: "Set in 1-MB steps. Long ago the ceiling was 3,008 MB in 64-MB steps.", source: dg("configuration-memory"))
    package static let memoryDefault = Fact("memory.default", 128, .megabytes, "Default memory setting", source: dg("configuration-memory"))
    package static let memoryStep = Fact("memory.step", 1, .megabytes, "Memory setting increment", source: dg("configuration-memory"))
    package static let memoryPerVCPU = Fact("cpu.memory_per_vcpu", 1769, .megabytes, "Memory that buys one full vCPU",
                                           note: "CPU is allocated in proportion to memory.", source: dg("configuration-memory"))
    package static let maxVCPUs = Fact("cpu.max_vcpus", 6, .vcpus, "Most vCPUs a function can get (at 10,240 MB)", source: dg("configuration-memory"))
    package static let memoryLegacyMax = Fact("memory.legacy_max", 3008, .megabytes, "Largest memory setting in the past (history)",
                                             note: "History: memory once ran from 128 MB to 3,008 MB in 64-MB steps. Today's ceiling is memory.max.",
                                             source: "https://docs.aws.amazon.com/lambda/latest/dg/limits.html?shortFooter=true")
    package static let memoryLegacyStep = Fact("memory.legacy_step", 64, .megabytes, "Memory setting increment in the past (history)",
                                              note: "History: today memory is set in 1-MB steps.",
                                              source: "https://docs.aws.amazon.com/lambda/latest/dg/limits.html?shortFooter=true")

    // MARK: - Time
    package static let timeoutDefault = Fact("timeout.default", 3, .seconds, "Default function timeout", source: dg("configuration-timeout"))
    package static let timeoutMin = Fact("timeout.min", 1, .seconds, "Shortest function timeout", source: dg("configuration-timeout"))
    package static let timeoutMax = Fact("timeout.max", 900, .seconds, "Longest function timeout",
                                        note: "Set in 1-second steps. For longer work use Step Functions, ECS/Fargate or Batch. Lambda Managed Instances are the exception (timeout.managed_instances_max).",
                                        source: dg("configuration-timeout"))
    package static let timeoutStep = Fact("timeout.step", 1, .seconds, "Timeout setting increment", source: dg("configuration-timeout"))
    package static let initTimeout = Fact("init.timeout", 10, .seconds, "INIT phase limit for on-demand functions",
                                         note: "If INIT runs longer, Lambda retries it during the first invoke, under the function timeout.",
                                         source: dg("lambda-runtime-environment"))
    package static let shutdownInternalExtension = Fact("shutdown.internal_extension", 500, .milliseconds, "SHUTDOWN time with an internal extension",
                                                       source: dg("lambda-runtime-environment"))
    package static let shutdownExternalExtension = Fact("shutdown.external_extension", 2000, .milliseconds, "SHUTDOWN time with external extensions",
                                                       note: "With no extensions SHUTDOWN gets 0 ms; after the limit Lambda sends SIGKILL.",
                                                       source: dg("lambda-runtime-environment"))
    package static let coldStartShare = Fact("coldstart.share_max", 1, .percent, "Share of invocations that start cold (AWS: under this)",
                                            note: "For typical workloads. Cold-start time is billed.", source: dg("lambda-runtime-environment"))
    package static let coldStartFast = Fact("coldstart.duration_low", 100, .milliseconds, "Cold-start duration, fast end (AWS: under this)",
                                           source: dg("lambda-runtime-environment"))
    package static let coldStartSlow = Fact("coldstart.duration_high", 1, .seconds, "Cold-start duration, slow end (AWS: over this)",
                                           source: dg("lambda-runtime-environment"))
    package static let snapStartHookTimeout = Fact("snapstart.hook_timeout", 10, .seconds, "Time allowed for SnapStart after-restore hooks", source: dg("snapstart"))
    package static let workerMaxLease = Fact("worker.max_lease", 14, .hours, "Maximum lease of a Lambda worker host",
                                            note: "Near the end of its lease a worker gets no new invocations; its microVMs are shut down and the host retired. Environment lifetime itself is not published.",
                                            source: "https://docs.aws.amazon.com/whitepapers/latest/security-overview-aws-lambda/lambda-executions.html",
                                            asOf: curriculumV2CheckedOn)

    // MARK: - Storage, variables, packages
    package static let ephemeralDefault = Fact("tmp.default", 512, .megabytes, "Default (and free) /tmp size", source: dg("configuration-ephemeral-storage"))
    package static let ephemeralMax = Fact("tmp.max", 10240, .megabytes, "Largest /tmp size", source: dg("configuration-ephemeral-storage"))
    package static let ephemeralStep = Fact("tmp.step", 1, .megabytes, "/tmp size increment", source: dg("configuration-ephemeral-storage"))
    package static let envVarsTotal = Fact("env.total_size", 4, .kilobytes, "Total size of all environment variables",
                                          note: "Counted over all keys and values together.", source: dg("gettingstarted-limits"))
    package static let envKeyMinLength = Fact("env.key_min_length", 2, .characters, "Shortest environment variable key",
                                             note: "Keys start with a letter and use only letters, digits and underscores.",
                                             source: dg("configuration-envvars"))
    package static let resourcePolicyMax = Fact("policy.max_size", 20, .kilobytes, "Largest function resource-based policy", source: dg("gettingstarted-limits"))
    package static let layersMax = Fact("layers.max", 5, .count, "Layers per function",
                                       note: "Only .zip functions can use layers; they are extracted under /opt.", source: dg("chapter-layers"))
    package static let zipDirectUpload = Fact("package.zip_direct", 50, .megabytes, "Zipped package uploaded directly (API, SDK, console)",
                                             note: "Larger zips go through S3.", source: dg("gettingstarted-limits"))
    package static let unzippedMax = Fact("package.unzipped", 250, .megabytes, "Unzipped code including layers",
                                         note: "Also applies to zips uploaded through S3.", source: dg("gettingstarted-limits"))
    package static let consoleEditorMax = Fact("package.console_editor", 3, .megabytes, "Code size the console editor accepts",
                                              note: "Above this, upload a .zip.", source: dg("configuration-function-zip"))
    package static let containerImageMax = Fact("package.image", 10, .gigabytes, "Container image size (uncompressed, all layers)", source: dg("gettingstarted-limits"))
    package static let imageSettingsMax = Fact("package.image_settings", 16, .kilobytes, "Container image settings", source: dg("gettingstarted-limits"))
    package static let codeStorage = Fact("account.code_storage", 300, .gigabytes, "Code storage per Region (.zip functions and layers)",
                                         note: "Cannot be increased; older documentation said 75 GB.", source: dg("gettingstarted-limits"))

    // MARK: - Payloads
    package static let syncPayload = Fact("payload.sync", 6, .megabytes, "Synchronous request and response payload",
                                         note: "6 MB each way (requests are checked against 6,291,456 bytes).", source: dg("gettingstarted-limits"))
    package static let syncRequestBytes = Fact("payload.sync_request_bytes", 6_291_456, .bytes, "Synchronous request limit in bytes", source: api("API_Invoke"))
    package static let syncResponseBytes = Fact("payload.sync_response_bytes", 6_291_556, .bytes, "Synchronous response limit in bytes (as the Runtime API enforces it)",
                                               note: "The runtime interface emulator allows 6 MiB + 100 bytes.", source: api("API_Invoke"))
    package static let asyncPayload = Fact("payload.async", 1, .megabytes, "Asynchronous invocation payload",
                                          note: "Raised from 256 KB in late 2025.", source: dg("gettingstarted-limits"))
    package static let asyncPayloadBytes = Fact("payload.async_bytes", 1_048_576, .bytes, "Asynchronous payload limit in bytes", source: api("API_Invoke"))
    package static let invokeAsyncLegacy = Fact("payload.invoke_async_legacy", 256, .kilobytes, "Payload of the deprecated InvokeAsync API", source: api("API_InvokeAsync"))
    package static let esmBatchPayload = Fact("payload.esm_batch", 6, .megabytes, "Event source mapping batch payload", note: "Cannot be changed.",
                                             source: dg("invocation-eventsourcemapping"))
    package static let streamedResponseMax = Fact("payload.streamed_response", 200, .megabytes, "Streamed response size", source: dg("gettingstarted-limits"))
    package static let clientContextMax = Fact("payload.client_context", 3583, .bytes, "Client context (base64 JSON) on Invoke", source: api("API_Invoke"))
    package static let logTailBytes = Fact("logs.tail_bytes", 4, .kilobytes, "Log returned by Invoke with LogType Tail",
                                          note: "The last 4 KB of the invocation's log, base64-encoded.", source: api("API_Invoke"))

    // MARK: - Concurrency and scaling
    package static let accountConcurrency = Fact("concurrency.account_default", 1000, .count, "Default concurrency per account per Region",
                                                note: "A soft limit: it can be raised to tens of thousands. New accounts start with reduced concurrency and memory quotas, raised automatically as they are used.",
                                                source: dg("gettingstarted-limits"), asOf: curriculumV2CheckedOn)
    package static let unreservedMinimum = Fact("concurrency.unreserved_min", 100, .count, "Concurrency Lambda always keeps unreserved",
                                               source: dg("configuration-concurrency"))
    package static let scalingRate = Fact("scaling.rate", 1000, .environmentsPer10Seconds, "Per-function scaling rate",
                                         note: "Each function scales independently up to the account limit (since November 2023; before that an account-wide burst of 500–3,000).",
                                         source: dg("scaling-behavior"))
    package static let scalingInterval = Fact("scaling.interval", 10, .seconds, "Scaling rate window", source: dg("scaling-behavior"))
    package static let scalingRequestRate = Fact("scaling.rps_rate", 10000, .requestsPerSecond, "Request rate a function's scaling adds every 10 s",
                                                note: "The scaling rate expressed in requests per second.", source: dg("scaling-behavior"))
    package static let perFunctionScalingSince = Fact("scaling.per_function_since", 202311, .month, "Per-function scaling in force since",
                                                     note: "From 2023-11-26/27 each function scales on its own (\"12× faster\"); before that, an account-wide burst applied.",
                                                     source: "https://aws.amazon.com/blogs/aws/aws-lambda-functions-now-scale-12-times-faster-when-handling-high-volume-requests/")
    package static let legacyBurstLarge = Fact("scaling.legacy_burst_large", 3000, .count, "History: initial account burst before November 2023, largest Regions",
                                              note: "History, replaced in November 2023. Applied in us-east-1, us-west-2 and eu-west-1, per account and Region.",
                                              source: oldDG("invocation-scaling"))
    package static let legacyBurstMedium = Fact("scaling.legacy_burst_medium", 1000, .count, "History: initial account burst before November 2023, middle Regions",
                                               note: "History, replaced in November 2023. Applied in Tokyo, Frankfurt and Ohio, per account and Region.",
                                               source: oldDG("invocation-scaling"))
    package static let legacyBurstSmall = Fact("scaling.legacy_burst_small", 500, .count, "History: initial account burst before November 2023, other Regions",
                                              note: "History, replaced in November 2023.", source: oldDG("invocation-scaling"))
    package static let legacyScalingPerMinute = Fact("scaling.legacy_per_minute", 500, .count, "History: concurrency added per minute after the burst, before November 2023",
                                                    note: "History, replaced in November 2023. Shared by all functions in the account and Region.",
                                                    source: oldDG("invocation-scaling"))
    package static let rpsPerConcurrency = Fact("concurrency.rps_factor", 10, .count, "Synchronous request-rate limit per unit of concurrency",
                                               note: "Requests per second may not exceed 10 × concurrency.", source: dg("lambda-concurrency"))
    package static let provisionedAllocationRate = Fact("provisioned.allocation_rate", 6000, .count, "Provisioned environments allocated per minute per function",
                                                       source: dg("lambda-concurrency"))
    package static let provisionedBuffer = Fact("provisioned.buffer", 10, .percent, "Suggested provisioned concurrency headroom", source: dg("provisioned-concurrency"))

    // MARK: - Asynchronous invocation
    package static let asyncStatus = Fact("async.status", 202, .count, "HTTP status of an accepted asynchronous invoke",
                                         note: "Returned as soon as the event is queued, with an empty body.", source: dg("invocation-async"))
    package static let asyncRetriesDefault = Fact("async.retries_default", 2, .count, "Retries of a failed asynchronous invocation",
                                                 note: "Settable 0–2, so up to 3 attempts in total.", source: dg("invocation-async-error-handling"))
    package static let asyncRetriesMax = Fact("async.retries_max", 2, .count, "Most retries you can configure for asynchronous invocation",
                                             source: api("API_FunctionEventInvokeConfig"))
    package static let asyncFirstRetryDelay = Fact("async.first_retry_delay", 60, .seconds, "Wait before the first asynchronous retry",
                                                  source: dg("invocation-async-error-handling"))
    package static let asyncSecondRetryDelay = Fact("async.second_retry_delay", 120, .seconds, "Wait before the second asynchronous retry",
                                                   source: dg("invocation-async-error-handling"))
    package static let asyncMaxEventAge = Fact("async.max_event_age", 21600, .seconds, "Maximum (and default) event age for asynchronous invocation",
                                              source: api("API_FunctionEventInvokeConfig"))
    package static let asyncMinEventAge = Fact("async.min_event_age", 60, .seconds, "Smallest configurable maximum event age", source: api("API_FunctionEventInvokeConfig"))
    package static let asyncThrottleBackoffMax = Fact("async.throttle_backoff_max", 300, .seconds, "Longest backoff between retries of throttled async events",
                                                     note: "Throttles and system errors are retried from 1 s up to 5 min, for up to 6 hours.",
                                                     source: dg("invocation-async-error-handling"))
    package static let asyncThrottleBackoffMin = Fact("async.throttle_backoff_min", 1, .seconds, "Shortest backoff between retries of throttled async events",
                                                     source: dg("invocation-async-error-handling"))

    // MARK: - Event source mappings
    package static let batchWindowMax = Fact("esm.batch_window_max", 300, .seconds, "Longest batching window", source: dg("invocation-eventsourcemapping"))
    package static let batchWindowDefault = Fact("esm.batch_window_default", 0, .seconds, "Default batching window for SQS, Kinesis and DynamoDB Streams",
                                                source: dg("invocation-eventsourcemapping"))
    package static let batchWindowDefaultMQ = Fact("esm.batch_window_default_mq", 500, .milliseconds, "Default batching window for Amazon MQ, Kafka and DocumentDB",
                                                  source: dg("invocation-eventsourcemapping"))
    package static let sqsBatchDefault = Fact("sqs.batch_default", 10, .count, "Default SQS batch size", source: dg("services-sqs-configure"))
    package static let sqsBatchMaxStandard = Fact("sqs.batch_max_standard", 10000, .count, "Largest SQS batch (standard queue)",
                                                 note: "Above 10 a batching window of at least 1 s is required.", source: dg("services-sqs-configure"))
    package static let sqsBatchMaxFIFO = Fact("sqs.batch_max_fifo", 10, .count, "Largest SQS batch (FIFO queue)", source: dg("services-sqs-configure"))
    package static let sqsBatchMaxWithoutWindow = Fact("sqs.batch_max_no_window", 10, .count, "Largest standard-queue SQS batch without a batching window",
                                                      note: "Larger batches need a batching window (sqs.large_batch_window_min).", source: dg("services-sqs-configure"))
    package static let sqsLargeBatchWindowMin = Fact("sqs.large_batch_window_min", 1, .seconds, "Shortest batching window for SQS batches above 10",
                                                    source: dg("services-sqs-configure"))
    package static let sqsVisibilityFactor = Fact("sqs.visibility_factor", 6, .count, "Recommended visibility timeout as a multiple of the function timeout",
                                                 source: dg("services-sqs-configure"))
    package static let sqsMaxReceiveCount = Fact("sqs.max_receive_count", 5, .count, "Recommended minimum maxReceiveCount before the queue's DLQ",
                                                source: dg("services-sqs-errorhandling"))
    package static let sqsInitialBatches = Fact("sqs.initial_batches", 5, .count, "Concurrent batches an SQS mapping starts with", source: dg("services-sqs-scaling"))
    package static let sqsScaleUpPerMinute = Fact("sqs.scale_per_minute", 300, .count, "Concurrent invokes an SQS mapping adds per minute", source: dg("services-sqs-scaling"))
    package static let sqsMaxConcurrencyDefault = Fact("sqs.max_concurrency_default", 1250, .count, "Default ceiling of concurrent invokes per SQS mapping",
                                                      source: dg("services-sqs-scaling"))
    package static let sqsMaxConcurrencyMin = Fact("sqs.max_concurrency_min", 2, .count, "Smallest maximum-concurrency setting of an SQS mapping",
                                                  note: "Separate from reserved concurrency; keep reserved concurrency at or above it.", source: dg("services-sqs-scaling"))
    package static let sqsMaxConcurrencyMax = Fact("sqs.max_concurrency_max", 1000, .count, "Largest maximum-concurrency setting of an SQS mapping",
                                                  source: dg("services-sqs-scaling"))
    package static let streamBatchDefault = Fact("stream.batch_default", 100, .count, "Default Kinesis / DynamoDB Streams batch size", source: dg("services-kinesis-parameters"))
    package static let streamBatchMax = Fact("stream.batch_max", 10000, .count, "Largest Kinesis / DynamoDB Streams batch",
                                            note: "Older DynamoDB documentation said 1,000.", source: dg("services-ddb-params"))
    package static let streamBatchMaxLegacy = Fact("stream.batch_max_legacy", 1000, .count, "Largest DynamoDB Streams batch in older documentation (history)",
                                                  note: "History: today the maximum is stream.batch_max, as for Kinesis.",
                                                  source: "https://docs.rs/rusoto_lambda/0.44.0/rusoto_lambda/struct.CreateEventSourceMappingRequest.html")
    package static let streamMaxRetries = Fact("stream.max_retries", 10000, .count, "Largest MaximumRetryAttempts for a stream mapping",
                                              note: "The default, −1, retries until the record expires.", source: dg("services-kinesis-parameters"))
    package static let streamMaxRecordAge = Fact("stream.max_record_age", 604800, .seconds, "Largest MaximumRecordAgeInSeconds for a stream mapping",
                                                source: dg("services-kinesis-parameters"))
    package static let sqsFIFODeduplicationWindow = Fact("sqs.fifo_dedup_window", 5, .minutes, "SQS FIFO deduplication interval",
                                                        note: "A send whose MessageDeduplicationId (or, with content-based deduplication, body hash) was seen this recently is accepted but not delivered again; SQS keeps tracking the ID after the message is deleted.",
                                                        source: "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html", asOf: curriculumV2CheckedOn)
    package static let streamMinRecordAge = Fact("stream.min_record_age", 60, .seconds, "Smallest MaximumRecordAgeInSeconds for a stream mapping (other than −1)",
                                                source: api("API_CreateEventSourceMapping"), asOf: curriculumV2CheckedOn)
    package static let streamMaxRetriesDefault = Fact("stream.max_retries_default", -1, .count, "Default MaximumRetryAttempts of a stream mapping",
                                                     note: "−1 means no limit: the batch is retried until its records expire.", source: dg("services-kinesis-parameters"))
    package static let streamMaxRecordAgeDefault = Fact("stream.max_record_age_default", -1, .count, "Default MaximumRecordAgeInSeconds of a stream mapping",
                                                       note: "−1 means no limit: records are processed until they expire from the stream.",
                                                       source: dg("services-kinesis-parameters"))
    package static let parallelizationMin = Fact("stream.parallelization_min", 1, .count, "Smallest ParallelizationFactor", source: dg("services-kinesis-parameters"))
    package static let parallelizationMax = Fact("stream.parallelization_max", 10, .count, "Largest ParallelizationFactor", source: dg("services-kinesis-parameters"))
    package static let tumblingWindowMax = Fact("stream.tumbling_window_max", 900, .seconds, "Longest tumbling window", source: dg("services-kinesis-parameters"))

    // MARK: - Names, versions, quotas
    package static let functionNameMin = Fact("name.min", 1, .count, "Shortest function name, in characters", source: dg("configuration-function-zip"))
    package static let functionNameMax = Fact("name.max", 64, .characters, "Function name length",
                                             note: "Letters, digits, hyphens and underscores. Given as a full ARN, the name parameter is limited to name.arn_max.",
                                             source: dg("configuration-function-zip"))
    package static let aliasWeightedVersions = Fact("alias.routing_versions", 2, .count, "Versions a weighted alias can route between",
                                                   source: dg("configuring-alias-routing"))
    package static let fileDescriptors = Fact("environment.file_descriptors", 1024, .count, "File descriptors per environment", source: dg("gettingstarted-limits"))
    package static let processesMax = Fact("environment.processes", 1024, .count, "Processes and threads per environment", source: dg("gettingstarted-limits"))
    package static let consoleTestEvents = Fact("console.test_events", 10, .count, "Saved console test events per function", source: dg("gettingstarted-limits"))
    package static let enisPerVPC = Fact("vpc.enis", 500, .count, "Hyperplane ENIs per VPC", note: "Shared with EFS; older documentation said 250.",
                                        source: dg("gettingstarted-limits"))
    package static let enisPerVPCLegacy = Fact("vpc.enis_legacy", 250, .count, "Hyperplane ENIs per VPC in older documentation (history)",
                                              note: "History: today's default is vpc.enis.", source: dg("gettingstarted-limits"))
    package static let getFunctionRate = Fact("api.get_function_rps", 100, .requestsPerSecond, "GetFunction API rate", source: dg("gettingstarted-limits"))
    package static let controlPlaneRate = Fact("api.control_plane_rps", 15, .requestsPerSecond, "Other control-plane APIs, combined", source: dg("gettingstarted-limits"))
    package static let recursionHops = Fact("recursion.hops", 16, .count, "Recursive loop detection threshold (about)", source: dg("monitoring-metrics-types"))
    package static let urlBothPermissionsSince = Fact("url.both_permissions_since", 202510, .month, "Function URLs need both invoke permissions if created from",
                                                     note: "Callers need lambda:InvokeFunctionUrl and lambda:InvokeFunction.", source: dg("urls-auth"))

    // MARK: - Curriculum v2 (questions)
    // Issue 13's question banks. Checked on 2026-12-01 against the page named and botocore's
    // Lambda model (2015-03-31); the fact sheet's §9 wins where they differ.
    static let questionsV2CheckedOn = "2026-12-01"

    package static let functionArnMax = Fact("name.arn_max", 140, .characters, "Function name parameter given as a full ARN (CreateFunction and the calls that manage a function)",
                                            note: "A plain name is at most name.max; Invoke and the other calls that also take a version or alias accept longer qualified ARNs (name.qualified_arn_max).",
                                            source: api("API_CreateFunction"), asOf: questionsV2CheckedOn)
    package static let qualifiedArnMax = Fact("name.qualified_arn_max", 256, .characters, "Function name parameter of Invoke (and calls taking a version or alias), as a full ARN",
                                             note: "Room for a qualifier after the ARN: arn:…:function:name:alias.",
                                             source: api("API_Invoke"), asOf: questionsV2CheckedOn)

    // MARK: - Prices (us-east-1)
    package static let priceRequests = Fact("price.requests", 0.20, .usdPerMillionRequests, "Request charge",
                                           note: "The same on x86 and Arm.", source: pricing)
    package static let priceX86Tier1 = Fact("price.x86.gbs_tier1", 0.0000166667, .usdPerGBSecond, "x86 duration, first 6 billion GB-s a month", source: pricing)
    package static let priceX86Tier2 = Fact("price.x86.gbs_tier2", 0.000015, .usdPerGBSecond, "x86 duration, next 9 billion GB-s a month", source: pricing)
    package static let priceX86Tier3 = Fact("price.x86.gbs_tier3", 0.0000133334, .usdPerGBSecond, "x86 duration, over 15 billion GB-s a month", source: pricing)
    package static let x86Tier1Limit = Fact("price.x86.tier1_gbs", 6_000_000_000, .gbSeconds, "x86 first price tier size", source: pricing)
    package static let x86Tier2Limit = Fact("price.x86.tier2_gbs", 15_000_000_000, .gbSeconds, "x86 second price tier ends at", source: pricing)
    package static let priceArmTier1 = Fact("price.arm.gbs_tier1", 0.0000133334, .usdPerGBSecond, "Arm duration, first 7.5 billion GB-s a month",
                                           note: "About 20% below x86.", source: pricing)
    package static let priceArmTier2 = Fact("price.arm.gbs_tier2", 0.0000120001, .usdPerGBSecond, "Arm duration, next 11.25 billion GB-s a month", source: pricing)
    package static let priceArmTier3 = Fact("price.arm.gbs_tier3", 0.0000106667, .usdPerGBSecond, "Arm duration, over 18.75 billion GB-s a month", source: pricing)
    package static let armTier1Limit = Fact("price.arm.tier1_gbs", 7_500_000_000, .gbSeconds, "Arm first price tier size", source: pricing)
    package static let armTier2Limit = Fact("price.arm.tier2_gbs", 18_750_000_000, .gbSeconds, "Arm second price tier ends at", source: pricing)
    package static let armDiscount = Fact("price.arm.discount", 20, .percent, "How much less Arm duration costs than x86 (about)",
                                         note: "Per GB-second; requests cost the same on both.", source: pricing)
    package static let freeRequests = Fact("free.requests", 1_000_000, .requests, "Free tier requests per month",
                                          note: "Does not expire; shared by x86 and Arm.", source: pricing)
    package static let freeGBSeconds = Fact("free.gb_seconds", 400_000, .gbSeconds, "Free tier compute per month",
                                           note: "GB-seconds (gigabyte-seconds), not gigabit-seconds.", source: pricing)
    package static let priceEphemeral = Fact("price.ephemeral", 0.0000000309, .usdPerGBSecond, "/tmp storage above the free 512 MB", source: pricing)
    package static let priceProvisioned = Fact("price.provisioned", 0.0000041667, .usdPerGBSecond, "Provisioned concurrency (x86), while enabled",
                                              note: "Billed from enable to disable, rounded up to 5 minutes.", source: pricing)
    package static let provisionedBillingUnit = Fact("billing.provisioned_unit", 5, .minutes, "Provisioned concurrency billing unit",
                                                    note: "Billed from enable to disable, rounded up to whole units.", source: pricing)
    package static let priceProvisionedDuration = Fact("price.provisioned_duration", 0.0000097222, .usdPerGBSecond, "Duration on provisioned concurrency (x86)",
                                                      source: pricing)
    package static let billingGranularity = Fact("billing.granularity", 1, .milliseconds, "Duration billing granularity",
                                                note: "Rounded up to the nearest millisecond (100 ms before December 2020).", source: pricing)
    package static let billingLegacyGranularity = Fact("billing.legacy_granularity", 100, .milliseconds, "Duration billing unit before December 2020 (history)",
                                                      note: "History, from a secondary source only: AWS's own announcement was not checked.",
                                                      source: "https://bestmarketstore.com/aws-lambda-pricing-now-per-ms/")
    package static let initBilledSince = Fact("billing.init_since", 20250801, .date, "INIT phase billed for all functions since",
                                             note: "Before that, INIT of on-demand .zip functions on managed runtimes was free.",
                                             source: "https://aws.amazon.com/blogs/compute/aws-lambda-standardizes-billing-for-init-phase/")

    // MARK: - Runtime
    package static let handlerMaxLength = Fact("handler.max_length", 128, .characters, "Longest handler setting",
                                              note: "Any characters but whitespace, for example app.lambda_handler.", source: api("API_CreateFunction"))
    // MARK: - Quiz
    package static let throttleStatus = Fact("throttle.status", 429, .count, "HTTP status of a throttled invocation",
                                            note: "The error is TooManyRequestsException; throttles count in Throttles, not Invocations or Errors.",
                                            source: dg("scaling-behavior"))
    package static let syncStatus = Fact("sync.status", 200, .count, "HTTP status of a synchronous invoke, also when the function fails",
                                        note: "A function error is flagged by the X-Amz-Function-Error header and the error JSON in the body.",
                                        source: dg("invocation-sync"))

    // MARK: - Curriculum v2 (lessons)
    // Issue 13's lessons: checked against the page named on 2026-12-01 (the fact sheet's §9 first).

    /// When the curriculum-v2 facts were checked.
    package static let curriculumV2CheckedOn = "2026-12-01"
    static let xraySampling = "https://docs.aws.amazon.com/xray/latest/devguide/xray-console-sampling.html"
    static let kinesisConsumers = "https://docs.aws.amazon.com/streams/latest/dev/enhanced-consumers.html"
    static let webSocketQuotas = "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html"
    static let lambdaTagSpec = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-lambda-function-tag.html"

    package static let nodeCallbacksRemoved = Fact("runtime.node_callbacks_removed", 202511, .month, "Callback-style Node.js handlers end with nodejs24.x, released",
                                                  note: "nodejs24.x runs only async (promise) handlers: no callback argument, no context.done/succeed/fail. nodejs22.x still runs callbacks, with a warning.",
                                                  source: "https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/issues/137", asOf: curriculumV2CheckedOn)
    package static let nodejs22Deprecation = Fact("runtime.nodejs22_deprecation", 20270430, .date, "Scheduled deprecation of nodejs22.x",
                                                 note: "Existing functions keep running; creating and then updating functions on it are blocked later.",
                                                 source: dg("lambda-runtimes"), asOf: curriculumV2CheckedOn)
    package static let snapStartContainersSince = Fact("snapstart.containers_since", 202607, .month, "SnapStart works with container images since",
                                                      note: "Your own base images and Lambda's Node.js, Ruby and provided.al2023 base images, turned on with an image label or runtime hooks. For .zip packages it is still managed Java 11+, Python 3.12+ and .NET 8+.",
                                                      source: dg("snapstart-runtime-hooks-custom"), asOf: curriculumV2CheckedOn)
    package static let managedInstancesSince = Fact("managed_instances.since", 202511, .month, "Lambda Managed Instances available since",
                                                   note: "Functions run on EC2 instances in your account that Lambda manages; one environment serves several requests at once.",
                                                   source: dg("lambda-managed-instances"), asOf: curriculumV2CheckedOn)
    package static let managedInstancesTimeoutMax = Fact("timeout.managed_instances_max", 5400, .seconds, "Longest timeout on Lambda Managed Instances (asynchronous and event source mapping invocations)",
                                                        note: "Not for Amazon MQ or DocumentDB sources. Ordinary functions keep timeout.max.",
                                                        source: dg("configuration-timeout"), asOf: curriculumV2CheckedOn)
    package static let sqsProvisionedMinPollers = Fact("sqs.provisioned_min_pollers", 2, .count, "Smallest (and default) minimum of event pollers in SQS provisioned mode",
                                                      note: "Provisioned mode and the maximum-concurrency setting exclude each other.",
                                                      source: api("API_ProvisionedPollerConfig"), asOf: curriculumV2CheckedOn)
    package static let sqsProvisionedMaxPollersDefault = Fact("sqs.provisioned_max_pollers_default", 200, .count, "Default maximum of event pollers in SQS provisioned mode",
                                                             source: api("API_ProvisionedPollerConfig"), asOf: curriculumV2CheckedOn)
    package static let sqsProvisionedScaling = Fact("sqs.provisioned_scaling_factor", 3, .count, "How many times faster SQS provisioned mode scales than standard mode",
                                                   note: "Provisioned mode keeps dedicated pollers ready and costs extra.",
                                                   source: dg("services-sqs-scaling"), asOf: curriculumV2CheckedOn)
    package static let sqsProvisionedCapacity = Fact("sqs.provisioned_capacity_factor", 16, .count, "How many times more processing capacity SQS provisioned mode allows (up to)",
                                                    source: dg("services-sqs-scaling"), asOf: curriculumV2CheckedOn)
    package static let esmFiltersDefault = Fact("esm.filters_default", 5, .count, "Filters per event source mapping (default quota)",
                                               note: "Filters are ORed: a record that matches none is dropped and never reaches the function. DocumentDB mappings cannot filter.",
                                               source: dg("invocation-eventfiltering"), asOf: curriculumV2CheckedOn)
    package static let esmFiltersMax = Fact("esm.filters_max", 10, .count, "Filters per event source mapping after a quota increase",
                                           source: dg("invocation-eventfiltering"), asOf: curriculumV2CheckedOn)
    package static let kinesisShardRead = Fact("kinesis.shard_read", 2, .megabytes, "Read throughput of one Kinesis shard, per second",
                                              note: "Shared by every standard consumer of the shard; each enhanced fan-out consumer gets this much for itself.",
                                              source: kinesisConsumers, asOf: curriculumV2CheckedOn)
    package static let kinesisEFOConsumers = Fact("kinesis.efo_consumers", 20, .count, "Enhanced fan-out consumers per Kinesis stream",
                                                 note: "50 for streams in On-demand Advantage mode.", source: kinesisConsumers, asOf: curriculumV2CheckedOn)
    package static let kinesisEFOLatency = Fact("kinesis.efo_latency", 70, .milliseconds, "Typical delivery delay with enhanced fan-out (average)",
                                               note: "Records are pushed over HTTP/2 instead of polled.",
                                               source: "https://docs.aws.amazon.com/streams/latest/dev/building-consumers.html", asOf: curriculumV2CheckedOn)
    package static let kinesisSharedLatency = Fact("kinesis.shared_latency", 200, .milliseconds, "Typical delivery delay for a shared-throughput consumer (average, one consumer)",
                                                  note: "It grows as more consumers share the shard.",
                                                  source: "https://docs.aws.amazon.com/streams/latest/dev/building-consumers.html", asOf: curriculumV2CheckedOn)
    package static let kinesisRetentionDefault = Fact("kinesis.retention_default", 24, .hours, "How long a Kinesis stream keeps records by default",
                                                     note: "Extended retention goes up to kinesis.retention_max, at extra cost.",
                                                     source: "https://docs.aws.amazon.com/streams/latest/dev/kinesis-extended-retention.html", asOf: curriculumV2CheckedOn)
    package static let kinesisRetentionMax = Fact("kinesis.retention_max", 365, .days, "Longest Kinesis stream retention",
                                                 source: "https://docs.aws.amazon.com/streams/latest/dev/kinesis-extended-retention.html", asOf: curriculumV2CheckedOn)
    package static let dynamoStreamRetention = Fact("ddbstreams.retention", 24, .hours, "How long a DynamoDB stream keeps change records",
                                                   source: "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html", asOf: curriculumV2CheckedOn)
    package static let xrayReservoir = Fact("xray.reservoir", 1, .count, "Requests per second the default X-Ray sampling rule always records",
                                           note: "The reservoir; beyond it the rule records xray.fixed_rate of the rest. Downstream services follow the first service's decision.",
                                           source: xraySampling, asOf: curriculumV2CheckedOn)
    package static let xrayFixedRate = Fact("xray.fixed_rate", 5, .percent, "Share of further requests the default X-Ray sampling rule records",
                                           source: xraySampling, asOf: curriculumV2CheckedOn)
    package static let secretsExtensionTTL = Fact("extension.secrets_cache_ttl", 300, .seconds, "Cache lifetime in the Parameters and Secrets extension (default and most)",
                                                 note: "Set with SSM_PARAMETER_STORE_TTL and SECRETS_MANAGER_TTL; 0 turns the cache off.",
                                                 source: "https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html", asOf: curriculumV2CheckedOn)
    package static let secretsExtensionCacheItems = Fact("extension.secrets_cache_items", 1000, .count, "Items the Parameters and Secrets extension caches (default and most)",
                                                        source: "https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html", asOf: curriculumV2CheckedOn)
    package static let streamedUncapped = Fact("payload.streamed_uncapped", 6, .megabytes, "Streamed response sent at full speed before the bandwidth cap",
                                              source: dg("configuration-response-streaming"), asOf: curriculumV2CheckedOn)
    package static let streamedBandwidth = Fact("payload.streamed_bandwidth", 2, .megabytes, "Streaming bandwidth per second after the first 6 MB",
                                               source: dg("configuration-response-streaming"), asOf: curriculumV2CheckedOn)
    package static let webSocketConnectionMax = Fact("apigw.websocket_connection_max", 2, .hours, "Longest API Gateway WebSocket connection",
                                                    source: webSocketQuotas, asOf: curriculumV2CheckedOn)
    package static let webSocketIdleTimeout = Fact("apigw.websocket_idle_timeout", 10, .minutes, "API Gateway WebSocket idle connection timeout",
                                                  source: webSocketQuotas, asOf: curriculumV2CheckedOn)
    package static let webSocketMessageMax = Fact("apigw.websocket_message_max", 128, .kilobytes, "API Gateway WebSocket message payload",
                                                 note: "Sent in frames of at most apigw.websocket_frame_max.", source: webSocketQuotas, asOf: curriculumV2CheckedOn)
    package static let webSocketFrameMax = Fact("apigw.websocket_frame_max", 32, .kilobytes, "API Gateway WebSocket frame size",
                                               source: webSocketQuotas, asOf: curriculumV2CheckedOn)
    package static let apiGatewayIntegrationTimeout = Fact("apigw.integration_timeout", 29, .seconds, "Longest API Gateway WebSocket integration timeout (also the REST API default)",
                                                          note: "A function behind the API may run longer, but the caller gets a timeout error after this.",
                                                          source: webSocketQuotas, asOf: curriculumV2CheckedOn)
    package static let savingsPlanDiscount = Fact("price.savings_plan_discount", 17, .percent, "Most a Compute Savings Plan takes off Lambda",
                                                 note: "On duration and provisioned concurrency, not requests; a 1- or 3-year commitment to a spend per hour, shared with EC2 and Fargate.",
                                                 source: pricing, asOf: curriculumV2CheckedOn)
    package static let codeSigningProfilesMax = Fact("codesigning.profiles_max", 20, .count, "Signing profile versions one code signing configuration can trust",
                                                    source: api("API_AllowedPublishers"), asOf: curriculumV2CheckedOn)
    package static let tagKeyMax = Fact("tags.key_max", 128, .characters, "Longest tag key on a function", source: lambdaTagSpec, asOf: curriculumV2CheckedOn)
    package static let tagValueMax = Fact("tags.value_max", 256, .characters, "Longest tag value on a function",
                                         note: "Tags belong to the function, not to its versions or aliases.", source: lambdaTagSpec, asOf: curriculumV2CheckedOn)

    /// Every fact, in the order `facts` lists them.
    package static let all: [Fact] = [
        memoryMin, memoryMax, memoryDefault, memoryStep, memoryPerVCPU, maxVCPUs, memoryLegacyMax, memoryLegacyStep,
        timeoutDefault, timeoutMin, timeoutMax, timeoutStep, initTimeout, shutdownInternalExtension, shutdownExternalExtension,
        coldStartShare, coldStartFast, coldStartSlow, snapStartHookTimeout, workerMaxLease,
        ephemeralDefault, ephemeralMax, ephemeralStep, envVarsTotal, envKeyMinLength, resourcePolicyMax, layersMax,
        zipDirectUpload, unzippedMax, consoleEditorMax, containerImageMax, imageSettingsMax, codeStorage,
        syncPayload, syncRequestBytes, syncResponseBytes, asyncPayload, asyncPayloadBytes, invokeAsyncLegacy,
        esmBatchPayload, streamedResponseMax, clientContextMax, logTailBytes,
        accountConcurrency, unreservedMinimum, scalingRate, scalingInterval, scalingRequestRate, perFunctionScalingSince,
        legacyBurstLarge, legacyBurstMedium, legacyBurstSmall, legacyScalingPerMinute, rpsPerConcurrency,
        provisionedAllocationRate, provisionedBuffer,
        asyncStatus, asyncRetriesDefault, asyncRetriesMax, asyncFirstRetryDelay, asyncSecondRetryDelay, asyncMaxEventAge,
        asyncMinEventAge, asyncThrottleBackoffMax, asyncThrottleBackoffMin,
        batchWindowMax, batchWindowDefault, batchWindowDefaultMQ,
        sqsBatchDefault, sqsBatchMaxStandard, sqsBatchMaxFIFO, sqsBatchMaxWithoutWindow, sqsLargeBatchWindowMin,
        sqsVisibilityFactor, sqsMaxReceiveCount,
        sqsInitialBatches, sqsScaleUpPerMinute, sqsMaxConcurrencyDefault, sqsMaxConcurrencyMin, sqsMaxConcurrencyMax,
        streamBatchDefault, streamBatchMax, streamBatchMaxLegacy, streamMaxRetries, streamMaxRecordAge,
        streamMaxRetriesDefault, streamMaxRecordAgeDefault, streamMinRecordAge, sqsFIFODeduplicationWindow, parallelizationMin, parallelizationMax, tumblingWindowMax,
        functionNameMin, functionNameMax, aliasWeightedVersions, fileDescriptors, processesMax, consoleTestEvents, enisPerVPC,
        enisPerVPCLegacy, getFunctionRate, controlPlaneRate, recursionHops, urlBothPermissionsSince,
        // MARK: - Curriculum v2 (questions)
        functionArnMax, qualifiedArnMax,
        priceRequests, priceX86Tier1, priceX86Tier2, priceX86Tier3, x86Tier1Limit, x86Tier2Limit,
        priceArmTier1, priceArmTier2, priceArmTier3, armTier1Limit, armTier2Limit, armDiscount,
        freeRequests, freeGBSeconds, priceEphemeral, priceProvisioned, provisionedBillingUnit, priceProvisionedDuration,
        billingGranularity, billingLegacyGranularity, initBilledSince,
        // MARK: - Runtime
        handlerMaxLength,
        // MARK: - Quiz
        throttleStatus, syncStatus,
        // MARK: - Curriculum v2 (lessons)
        nodeCallbacksRemoved, nodejs22Deprecation, snapStartContainersSince, managedInstancesSince, managedInstancesTimeoutMax,
        sqsProvisionedMinPollers, sqsProvisionedMaxPollersDefault, sqsProvisionedScaling, sqsProvisionedCapacity,
        esmFiltersDefault, esmFiltersMax, kinesisShardRead, kinesisEFOConsumers, kinesisEFOLatency, kinesisSharedLatency,
        kinesisRetentionDefault, kinesisRetentionMax, dynamoStreamRetention,
        xrayReservoir, xrayFixedRate, secretsExtensionTTL, secretsExtensionCacheItems, streamedUncapped, streamedBandwidth,
        webSocketConnectionMax, webSocketIdleTimeout, webSocketMessageMax, webSocketFrameMax, apiGatewayIntegrationTimeout,
        savingsPlanDiscount, codeSigningProfilesMax, tagKeyMax, tagValueMax,
    ]

    private static let byKey: [String: Fact] = Dictionary(uniqueKeysWithValues: all.map { ($0.key, $0) })

    /// The fact with this key, or nil.
    package static func named(_ key: String) -> Fact? { byKey[key] }

    /// All keys, for completion and "did you mean".
    package static var keys: [String] { all.map(\.key) }

    /// Facts whose key, title or note contain every word (case-insensitive).
    package static func search(_ words: [String]) -> [Fact] {
        let needles = words.map { $0.lowercased() }.filter { !$0.isEmpty }
        guard !needles.isEmpty else { return all }
        return all.filter { fact in
            let haystack = "\(fact.key) \(fact.title) \(fact.note ?? "") \(fact.display)".lowercased()
            return needles.allSatisfy { haystack.contains($0) }
        }
    }
}
