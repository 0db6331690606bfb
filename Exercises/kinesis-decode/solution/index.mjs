export const handler = async (event) => {
  const views = {};
  for (const record of event.Records) {
    const text = Buffer.from(record.kinesis.data, 'base64').toString('utf8');
    const view = JSON.parse(text);
    views[view.page] = (views[view.page] ?? 0) + 1;
  }
  return { views, records: event.Records.length };
};
