export const handler = async (event) => {
  // TODO: return { message: "Hello, NAME!" }, with "world" when event.name is missing.
  return "Hello, " + event.name;
};
