export const handler = async (event) => {
  const seen = [];
  for (const item of event.items ?? []) seen.push(item);
  return { count: seen.length, items: seen };
};
