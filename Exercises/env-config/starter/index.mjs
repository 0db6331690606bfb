const TABLE = 'orders-test';

export const handler = async () => {
  return { table: TABLE, stage: 'dev' };
};
