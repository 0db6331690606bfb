export const handler = async (event, context) => {
  const requestId = context.awsRequestId;
  console.log(`request id: ${requestId}`);
  return {
    functionName: context.functionName,
    memoryMB: Number(context.memoryLimitInMB),
    requestId,
    hasTime: context.getRemainingTimeInMillis() > 0,
  };
};
