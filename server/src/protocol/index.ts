// What the client imports from the server side: requests, wire shapes, settings and command ids.
export * from './commands';
export * from './requests';
export * from './settings';
export * from './wire';
export * from './nodeFlags';
