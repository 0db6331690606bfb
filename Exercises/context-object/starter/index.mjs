export const handler = async (event, context) => {
  // TODO: these come from the context object, not the event.
  const requestId = event.requestId;
  console.log(`request id: ${requestId}`);
  return {
    functionName: event.functionName,
    memoryMB: event.memory,
    requestId,
    hasTime: true,
  };
};
