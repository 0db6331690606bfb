// Read once per environment; a configuration change starts new environments.
const TABLE = process.env.TABLE_NAME;
const STAGE = process.env.STAGE ?? 'dev';

export const handler = async () => {
  return { table: TABLE, stage: STAGE };
};
