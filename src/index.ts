/**
 * Worker entry. Placeholder until the worker foundation lands: answers the health route.
 */
import { Hono } from 'hono';

const app = new Hono();
app.get('/api/v1/health', (c) => c.json({ success: true, message: 'OK', data: { status: 'ok' } }));

export default app;
