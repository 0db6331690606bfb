export const handler = async (event) => {
  const views = {};
  for (const record of event.Records) {
    const view = JSON.parse(record.kinesis.data);
    views[view.page] = (views[view.page] ?? 0) + 1;
  }
  return { views, records: event.Records.length };
};
