const seen = [];

export const handler = async (event) => {
  for (const item of event.items ?? []) seen.push(item);
  return { count: seen.length, items: seen };
};
