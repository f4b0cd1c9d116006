// Reference: the cold start of a program that imports @azure/msal-node (Microsoft's CLI login library).
import { PublicClientApplication } from '@azure/msal-node'

if (typeof PublicClientApplication !== 'function') process.exit(1)
